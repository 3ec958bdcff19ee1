using StatusBot.Core.Domain;
using StatusBot.Core.Publishing;

namespace StatusBot.Core.Events;

/// <summary>
/// A public post was drafted for a publisher's timeline. <see cref="Approved"/> when no admin's decision is needed (the
/// publisher does not require approval, or the incident's holding updates were approved ahead).
/// </summary>
public sealed record PublicDraftWritten(
    Actor Actor,
    DateTimeOffset At,
    string DraftId,
    string Publisher,
    string Platform,
    string IncidentId,
    int Version,
    PublicPostKind Kind,
    string Body,
    string Link,
    bool Approved) : BoardEvent(Actor, At);
