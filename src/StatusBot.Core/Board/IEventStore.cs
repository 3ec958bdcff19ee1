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

    /// <summary>
    /// Appends events numbered from <paramref name="firstSequence"/>; completes once they are durable. A batch made only
    /// of <see cref="IReceipt"/>s may complete once written and become durable with the next synced write, as long as a
    /// power cut can lose it only together with everything after it (the journal stays a prefix).
    /// </summary>
    ValueTask AppendAsync(IReadOnlyList<BoardEvent> events, long firstSequence, CancellationToken cancellationToken);
}
