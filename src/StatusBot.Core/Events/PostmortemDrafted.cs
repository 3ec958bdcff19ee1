using StatusBot.Core.Domain;

namespace StatusBot.Core.Events;

/// <summary>A postmortem was drafted from an incident's timeline.</summary>
public sealed record PostmortemDrafted(Actor Actor, DateTimeOffset At, string IncidentId, string Body) : BoardEvent(Actor, At);
