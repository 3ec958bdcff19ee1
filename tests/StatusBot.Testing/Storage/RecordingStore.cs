using StatusBot.Core.Board;
using StatusBot.Core.Events;
using StatusBot.Core.State;

namespace StatusBot.Testing.Storage;

/// <summary>
/// Wraps a store and remembers every batch it was asked to append, in order (a retried sequence replaces the failed
/// attempt): the truth a recovered journal must be a whole-batch prefix of.
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
            _batches.RemoveAll(b => b.FirstSequence >= firstSequence);
            _batches.Add((firstSequence, [.. events]));
        }

        return inner.AppendAsync(events, firstSequence, cancellationToken);
    }

    /// <summary>The state after the batches up to <paramref name="sequence"/>, or null when it falls inside a batch.</summary>
    public BoardState? StateAt(BoardState initial, long sequence)
    {
        var state = initial;
        foreach (var (first, events) in Batches)
        {
            if (state.Sequence == sequence)
            {
                return state;
            }

            if (first != state.Sequence + 1 || state.Sequence + events.Count > sequence)
            {
                return null;
            }

            state = StateReducer.ApplyAll(state, events);
        }

        return state.Sequence == sequence ? state : null;
    }
}
