using Microsoft.Extensions.Hosting;
using StatusBot.Core.Board;

namespace StatusBot.Announcing;

/// <summary>Runs the follower notifier: a pass after each commit while someone follows, and when the next retry falls due.</summary>
/// <remarks>With several instances on one database only the leader sends; when it takes over, it resumes the fan-outs.</remarks>
public sealed class FollowerNotifierService(FollowerNotifier notifier, FollowerSignal signal, StatusBoard board, TimeProvider time, ILeadership? leadership = null)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!board.IsStarted)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), time, stoppingToken);
        }

        await (leadership ?? new SoleLeadership()).RunWhileLeaderAsync(NotifyAsync, stoppingToken);
    }

    private async Task NotifyAsync(CancellationToken stoppingToken)
    {
        await notifier.TakeOverAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset next;
            try
            {
                next = await notifier.RunOnceAsync(stoppingToken);
            }
            catch (StoreUnavailableException)
            {
                next = time.GetUtcNow() + TimeSpan.FromSeconds(5);
            }

            var wait = next - time.GetUtcNow();
            if (wait <= TimeSpan.Zero)
            {
                continue;
            }

            using var race = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var woken = signal.WaitAsync(race.Token);
            var timer = Task.Delay(wait, time, race.Token);
            await Task.WhenAny(woken, timer);
            await race.CancelAsync();
            await Task.WhenAll(woken, timer).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }
}
