using StatusBot.Core.Domain;

namespace StatusBot.Core.Events;

/// <summary>
/// An announcement reached its channel. Written to the journal by earlier versions only: it is read back from old journals
/// (and applied to the board's cards), while deliveries now go to the delivery ledger (<see cref="Announcing.DeliveryReceipt"/>).
/// </summary>
public sealed record AnnouncementDelivered(Actor Actor, DateTimeOffset At, string AnnouncementId, string ChannelKey, string Subject, int Version, string? MessageId, string? ThreadId) : BoardEvent(Actor, At);
