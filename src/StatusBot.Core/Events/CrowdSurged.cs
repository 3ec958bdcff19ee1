using StatusBot.Core.Domain;

namespace StatusBot.Core.Events;

/// <summary>Many more people than usual asked about a service with no open incident (the admins' notice is owed once).</summary>
public sealed record CrowdSurged(Actor Actor, DateTimeOffset At, CrowdSurge Surge) : BoardEvent(Actor, At);
