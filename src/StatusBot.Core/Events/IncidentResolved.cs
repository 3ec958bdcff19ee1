using StatusBot.Core.Domain;

namespace StatusBot.Core.Events;

/// <summary>An incident was resolved.</summary>
public sealed record IncidentResolved(Actor Actor, DateTimeOffset At, string IncidentId, string? Message) : BoardEvent(Actor, At);
