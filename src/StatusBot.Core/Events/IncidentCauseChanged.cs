using StatusBot.Core.Domain;

namespace StatusBot.Core.Events;

/// <summary>The stated cause of an incident changed.</summary>
public sealed record IncidentCauseChanged(Actor Actor, DateTimeOffset At, string IncidentId, Cause Cause) : BoardEvent(Actor, At);
