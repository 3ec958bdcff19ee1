using StatusBot.Core.Board;
using StatusBot.Core.Events;
using StatusBot.Core.State;

namespace StatusBot.Announcing;

/// <summary>Wakes the follower notifier when a commit may owe followers a message (told on the writer's thread: it only sets a flag).</summary>
public sealed class FollowerSignal : IBoardObserver, IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void OnCommitted(IReadOnlyList<BoardEvent> events, BoardState state)
    {
        if (events.Count > 0 && !state.Following.Follows.IsEmpty)
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
