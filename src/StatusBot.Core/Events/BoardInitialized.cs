using StatusBot.Core.Domain;

namespace StatusBot.Core.Events;

/// <summary>The board started watching for the first time. Uptime before this moment is unknown, never "up".</summary>
public sealed record BoardInitialized(Actor Actor, DateTimeOffset At) : BoardEvent(Actor, At);
