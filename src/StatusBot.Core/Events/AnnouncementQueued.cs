using StatusBot.Core.Domain;

namespace StatusBot.Core.Events;

/// <summary>An announcement was put in the outbox, before anything is sent.</summary>
public sealed record AnnouncementQueued(Actor Actor, DateTimeOffset At, string AnnouncementId, string ChannelKey, string Subject, int Version) : BoardEvent(Actor, At);
