using StatusBot.Core.Domain;

namespace StatusBot.Core.Events;

/// <summary>
/// A service joined an open incident (it fails for the same reason), or failed again after it had come back: the
/// incident affects it (its impact rises to the given one if that is worse), its title names it, and the timeline says so ("Website is affected too").
/// </summary>
public sealed record IncidentServiceAdded(
    Actor Actor,
    DateTimeOffset At,
    string IncidentId,
    AffectedService Service,
    Impact Impact,
    string Title,
    string Message,
    Phrase? Phrase) : BoardEvent(Actor, At);
