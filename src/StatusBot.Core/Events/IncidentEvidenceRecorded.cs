using StatusBot.Core.Domain;

namespace StatusBot.Core.Events;

/// <summary>The evidence about one upstream on an incident, as it stands now (it replaces the earlier record for that upstream).</summary>
public sealed record IncidentEvidenceRecorded(Actor Actor, DateTimeOffset At, string IncidentId, UpstreamEvidence Evidence) : BoardEvent(Actor, At);
