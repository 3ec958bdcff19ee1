using StatusBot.Core.Events;
using StatusBot.Core.State;

namespace StatusBot.Announcing;

/// <summary>
/// Wakes the announcer after every commit: incidents, channels, windows and queued posts may all need a look (delivery
/// receipts go to the delivery ledger, not the board).
/// </summary>
public sealed class AnnouncerSignal : CommitSignal
{
    protected override bool Concerns(IReadOnlyList<BoardEvent> events, BoardState state) => true;
}
