using StatusBot.Core.Events;
using StatusBot.Core.State;

namespace StatusBot.Core.Board;

/// <summary>Keeps events in a list: durable for as long as the process lives. For tests and for <c>chat --data :memory:</c>.</summary>
public sealed class InMemoryEventStore : IEventStore
{
    private readonly List<BoardEvent> _events = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<BoardEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    public ValueTask<BoardState> RecoverAsync(BoardState initial, CancellationToken cancellationToken) =>
        ValueTask.FromResult(StateReducer.ApplyAll(initial, Events));

    public ValueTask AppendAsync(IReadOnlyList<BoardEvent> events, long firstSequence, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (firstSequence != _events.Count + 1)
            {
                throw new InvalidOperationException($"Expected sequence {_events.Count + 1}, got {firstSequence}.");
            }

            _events.AddRange(events);
        }

        return ValueTask.CompletedTask;
    }
}
