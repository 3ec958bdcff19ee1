using StatusBot.Core.Events;
using StatusBot.Core.State;

namespace StatusBot.Core.Board;

/// <summary>
/// Keeps events in a list: durable for as long as the process lives. For tests and for <c>chat --data :memory:</c>. Several
/// boards may share one, as instances share a database: an append behind the head is refused with a conflict.
/// </summary>
public sealed class InMemoryEventStore : ISharedEventStore
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
                throw new SequenceConflictException(firstSequence, $"Expected sequence {_events.Count + 1}, got {firstSequence}.");
            }

            _events.AddRange(events);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<BoardEvent>> ReadAfterAsync(long sequence, int max, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var from = (int)Math.Min(sequence, _events.Count);
            return ValueTask.FromResult<IReadOnlyList<BoardEvent>>(_events.GetRange(from, Math.Min(max, _events.Count - from)));
        }
    }
}
