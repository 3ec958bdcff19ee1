using StatusBot.Core.Domain;

namespace StatusBot.Core.Events;

/// <summary>An admin published an incident's postmortem (again, after edits): public pages show it, channels are told once.</summary>
public sealed record PostmortemPublished(Actor Actor, DateTimeOffset At, string IncidentId) : BoardEvent(Actor, At);
