using StatusBot.Core.Domain;

namespace StatusBot.Core.Events;

/// <summary>A channel's announcements switched language.</summary>
public sealed record ChannelLocaleChanged(Actor Actor, DateTimeOffset At, string ChannelKey, string Locale) : BoardEvent(Actor, At);
