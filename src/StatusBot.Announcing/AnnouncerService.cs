using Microsoft.Extensions.Hosting;
using StatusBot.Core.Board;

namespace StatusBot.Announcing;

/// <summary>Runs the announcer: a pass after each relevant commit, and at the latest when the next retry, holding update or maintenance stage falls due.</summary>
/// <remarks>With several instances on one database only the leader announces; when it takes over, it resumes the outbox.</remarks>
public sealed class AnnouncerService(Announcer announcer, AnnouncerSignal signal, StatusBoard board, TimeProvider time, ILeadership? leadership = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!board.IsStarted)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), time, stoppingToken);
        }

        await (leadership ?? new SoleLeadership()).RunWhileLeaderAsync(AnnounceAsync, stoppingToken);
    }

    private async Task AnnounceAsync(CancellationToken stoppingToken)
    {
        await announcer.TakeOverAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset next;
            try
            {
                next = await announcer.RunOnceAsync(stoppingToken);
            }
            catch (StoreUnavailableException)
            {
                next = time.GetUtcNow() + TimeSpan.FromSeconds(5);
            }

            var wait = next - time.GetUtcNow();
            using var race = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var woken = signal.WaitAsync(race.Token);
            var timer = Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time, race.Token);
            await Task.WhenAny(woken, timer);
            await race.CancelAsync();
            await Task.WhenAll(woken, timer).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }
}
