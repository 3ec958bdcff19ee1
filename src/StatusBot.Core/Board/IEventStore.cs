using StatusBot.Core.Events;
using StatusBot.Core.State;

namespace StatusBot.Core.Board;

/// <summary>
/// Where events are made durable. The board calls <see cref="AppendAsync"/> once per group of decisions and answers the
/// commands behind them only when it completes: a completed append must survive a crash.
/// </summary>
public interface IEventStore
{
    /// <summary>Rebuilds the state from what was stored, starting from <paramref name="initial"/> when nothing was.</summary>
    ValueTask<BoardState> RecoverAsync(BoardState initial, CancellationToken cancellationToken);

    /// <summary>Appends events numbered from <paramref name="firstSequence"/>; completes once they are durable.</summary>
    ValueTask AppendAsync(IReadOnlyList<BoardEvent> events, long firstSequence, CancellationToken cancellationToken);
}
