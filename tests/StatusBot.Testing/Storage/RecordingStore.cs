using StatusBot.Core.Board;
using StatusBot.Core.Events;
using StatusBot.Core.State;

namespace StatusBot.Testing.Storage;

/// <summary>
/// Wraps a store and remembers every batch it was asked to append, in order, failed attempts included: a failed append
/// may still have reached the disk whole (a power cut after the write), and the next attempt at the same sequence may
/// then never have been written. A recovered journal must be a chain of whole attempted batches.
/// </summary>
public sealed class RecordingStore(IEventStore inner) : IEventStore
{
    private readonly List<(long FirstSequence, IReadOnlyList<BoardEvent> Events)> _batches = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<(long FirstSequence, IReadOnlyList<BoardEvent> Events)> Batches
    {
        get
        {
            lock (_gate)
            {
                return [.. _batches];
            }
        }
    }

    public ValueTask<BoardState> RecoverAsync(BoardState initial, CancellationToken cancellationToken) => inner.RecoverAsync(initial, cancellationToken);

    public ValueTask AppendAsync(IReadOnlyList<BoardEvent> events, long firstSequence, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _batches.Add((firstSequence, [.. events]));
        }

        return inner.AppendAsync(events, firstSequence, cancellationToken);
    }

    /// <summary>
    /// Every state reachable at exactly <paramref name="sequence"/> by folding whole attempted batches in order (one
    /// attempt per sequence number); empty when <paramref name="sequence"/> falls inside every batch (half-applied).
    /// </summary>
    public IReadOnlyList<BoardState> StatesAt(BoardState initial, long sequence)
    {
        var batches = Batches;
        var results = new List<BoardState>();
        void Walk(BoardState state, int from)
        {
            if (state.Sequence == sequence)
            {
                results.Add(state);
                return;
            }

            for (var i = from; i < batches.Count; i++)
            {
                var (first, events) = batches[i];
                if (first == state.Sequence + 1 && state.Sequence + events.Count <= sequence)
                {
                    Walk(StateReducer.ApplyAll(state, events), i + 1);
                }
            }
        }

        Walk(initial, 0);
        return results;
    }
}
