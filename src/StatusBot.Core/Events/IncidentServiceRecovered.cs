using StatusBot.Core.Domain;

namespace StatusBot.Core.Events;

/// <summary>
/// One service of an incident came back while others are still affected: it is marked recovered, the incident stays
/// open, and the timeline says so ("Website is back; Streaming and API are still affected"). The first such recovery is
/// the "restored for most" milestone.
/// </summary>
public sealed record IncidentServiceRecovered(
    Actor Actor,
    DateTimeOffset At,
    string IncidentId,
    string ServiceId,
    string Message,
    Phrase? Phrase) : BoardEvent(Actor, At);
