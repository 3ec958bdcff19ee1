using StatusBot.Core.Board;
using StatusBot.Core.Events;
using StatusBot.Core.State;

namespace StatusBot.Announcing;

/// <summary>
/// Wakes one outbox worker when a commit may concern it. The board tells it on the writer's thread, so it only sets a
/// flag; several commits before the worker looks wake it once.
/// </summary>
public abstract class CommitSignal : IBoardObserver, IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void OnCommitted(IReadOnlyList<BoardEvent> events, BoardState state)
    {
        if (events.Count > 0 && Concerns(events, state))
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

    public void Dispose()
    {
        _signal.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Whether the worker may have something to do after these events.</summary>
    protected abstract bool Concerns(IReadOnlyList<BoardEvent> events, BoardState state);
}
