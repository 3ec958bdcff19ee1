using StatusBot.Core.Domain;

namespace StatusBot.Core.Events;

/// <summary>A channel stopped receiving announcements.</summary>
public sealed record ChannelUnsubscribed(Actor Actor, DateTimeOffset At, string ChannelKey) : BoardEvent(Actor, At);
