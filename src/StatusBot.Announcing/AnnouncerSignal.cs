using StatusBot.Core.Board;
using StatusBot.Core.Events;
using StatusBot.Core.State;

namespace StatusBot.Announcing;

/// <summary>Wakes the announcer when a commit may need announcing (told on the writer's thread, so it only sets a flag).</summary>
public sealed class AnnouncerSignal : IBoardObserver, IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void OnCommitted(IReadOnlyList<BoardEvent> events, BoardState state)
    {
        // Delivery receipts go to the delivery ledger, not the board: every commit (incidents, channels, windows, queued) may
        // need a look.
        if (events.Count > 0)
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
