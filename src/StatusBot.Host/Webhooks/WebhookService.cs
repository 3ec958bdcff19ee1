using StatusBot.Core.Board;
using StatusBot.Core.Events;
using StatusBot.Core.State;

namespace StatusBot.Host.Webhooks;

/// <summary>Wakes the webhook dispatcher when a commit may need sending (told on the writer's thread, so it only sets a flag).</summary>
public sealed class WebhookSignal : IBoardObserver, IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void OnCommitted(IReadOnlyList<BoardEvent> events, BoardState state)
    {
        if (events.Count > 0 && (state.Webhooks.Endpoints.Count > 0 || events.Any(e => e is WebhookEndpointAdded)))
        {
            Wake();
        }
    }

    public void Wake()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    public Task WaitAsync(CancellationToken cancellationToken) => _signal.WaitAsync(cancellationToken);

    public void Dispose() => _signal.Dispose();
}

/// <summary>
/// Runs the webhook dispatcher apart from the announcer, so a slow receiver never holds a channel post back: a pass after
/// each relevant commit, and at the latest when the next retry falls due. With several instances only the leader sends.
/// </summary>
public sealed class WebhookService(WebhookDispatcher dispatcher, WebhookSignal signal, StatusBoard board, TimeProvider time, ILeadership? leadership = null) : BackgroundService
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
        await dispatcher.TakeOverAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset next;
            try
            {
                next = await dispatcher.RunOnceAsync(stoppingToken);
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
