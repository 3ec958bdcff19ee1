using StatusBot.Core.Domain;

namespace StatusBot.Core.Events;

/// <summary>An internal note for admins on an incident (what a probe or an alert saw); never shown in public.</summary>
public sealed record IncidentNoteAdded(Actor Actor, DateTimeOffset At, string IncidentId, string Text) : BoardEvent(Actor, At);
