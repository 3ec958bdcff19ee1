using StatusBot.Core.Domain;

namespace StatusBot.Core.Events;

/// <summary>A timeline update: a new status (or the same one) and a message (with its phrase when the bot wrote it).</summary>
public sealed record IncidentUpdated(
    Actor Actor,
    DateTimeOffset At,
    string IncidentId,
    IncidentStatus Status,
    string Message,
    UpdateKind Kind,
    DateTimeOffset? NextUpdateDue,
    Phrase? Phrase = null) : BoardEvent(Actor, At);
