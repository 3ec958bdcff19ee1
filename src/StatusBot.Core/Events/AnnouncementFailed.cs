using StatusBot.Core.Domain;

namespace StatusBot.Core.Events;

/// <summary>An announcement was refused for good (rejected, or its channel is gone); it is not retried.</summary>
public sealed record AnnouncementFailed(Actor Actor, DateTimeOffset At, string AnnouncementId, string ChannelKey, string Subject, int Version, string Error) : BoardEvent(Actor, At), IReceipt;
