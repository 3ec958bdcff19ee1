using StatusBot.Core.Domain;

namespace StatusBot.Core.Events;

/// <summary>An admin replaced the text of an incident's postmortem.</summary>
public sealed record PostmortemEdited(Actor Actor, DateTimeOffset At, string IncidentId, string Body) : BoardEvent(Actor, At);
