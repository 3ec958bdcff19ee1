using System.Collections.Immutable;
using StatusBot.Core.Domain;

namespace StatusBot.Core.Events;

/// <summary>
/// A timeline update: a new status (or the same one) and a message (with its phrase when the bot wrote it); it may also
/// say who is affected now (segments, users) as more is learned.
/// </summary>
public sealed record IncidentUpdated(
    Actor Actor,
    DateTimeOffset At,
    string IncidentId,
    IncidentStatus Status,
    string Message,
    UpdateKind Kind,
    DateTimeOffset? NextUpdateDue,
    Phrase? Phrase = null,
    ImmutableArray<string>? Segments = null,
    long? UsersAffected = null) : BoardEvent(Actor, At);
