using System.Collections.Immutable;
using StatusBot.Core.Domain;

namespace StatusBot.Core.Events;

/// <summary>An incident was opened.</summary>
public sealed record IncidentOpened(
    Actor Actor,
    DateTimeOffset At,
    string IncidentId,
    string Title,
    Impact Impact,
    ImmutableArray<AffectedService> Services,
    ImmutableArray<string> Segments,
    long? UsersAffected,
    Cause? Cause,
    DateTimeOffset StartedAt,
    DateTimeOffset? NextUpdateDue,
    string? Message,
    bool Automatic,
    Phrase? Phrase = null) : BoardEvent(Actor, At);
