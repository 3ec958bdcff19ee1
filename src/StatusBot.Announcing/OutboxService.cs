using Microsoft.Extensions.Hosting;
using StatusBot.Core.Board;

namespace StatusBot.Announcing;

/// <summary>One pass over an outbox (channel posts, direct messages to followers, webhooks): what is due is sent.</summary>
public interface IOutboxWorker
{
    /// <summary>Resumes what an earlier run (or another instance, before this one led) left unsettled.</summary>
    Task TakeOverAsync(CancellationToken cancellationToken);

    /// <summary>Sends what is due; returns when the next retry or scheduled post falls due.</summary>
    Task<DateTimeOffset> RunOnceAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Runs an outbox worker: a pass after each commit its signal says concerns it, and at the latest when the pass said
/// something falls due. A store that is briefly unavailable is retried after 5 seconds. With several instances on one
/// database only the leader runs it, and it resumes the outbox when it takes over.
/// </summary>
public abstract class OutboxService(IOutboxWorker worker, CommitSignal signal, StatusBoard board, TimeProvider time, ILeadership? leadership)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!board.IsStarted)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), time, stoppingToken);
        }

        await (leadership ?? new SoleLeadership()).RunWhileLeaderAsync(RunAsync, stoppingToken);
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        await worker.TakeOverAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset next;
            try
            {
                next = await worker.RunOnceAsync(stoppingToken);
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
