using StatusBot.Core.Domain;

namespace StatusBot.Core.Events;

/// <summary>
/// An announcement was refused for good. Written to the journal by earlier versions only: it is read back from old journals
/// (and applied to the board's cards), while outcomes now go to the delivery ledger (<see cref="Announcing.DeliveryReceipt"/>).
/// </summary>
public sealed record AnnouncementFailed(Actor Actor, DateTimeOffset At, string AnnouncementId, string ChannelKey, string Subject, int Version, string Error) : BoardEvent(Actor, At);
