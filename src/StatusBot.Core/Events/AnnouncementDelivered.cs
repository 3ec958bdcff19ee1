using StatusBot.Core.Domain;

namespace StatusBot.Core.Events;

/// <summary>An announcement reached its channel: the card's message id and thread are kept to edit and reply later.</summary>
public sealed record AnnouncementDelivered(Actor Actor, DateTimeOffset At, string AnnouncementId, string ChannelKey, string Subject, int Version, string? MessageId, string? ThreadId) : BoardEvent(Actor, At), IReceipt;
