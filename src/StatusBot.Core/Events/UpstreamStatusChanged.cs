using StatusBot.Core.Domain;

namespace StatusBot.Core.Events;

/// <summary>An upstream reported a new status or incident (feed, webhook).</summary>
public sealed record UpstreamStatusChanged(Actor Actor, DateTimeOffset At, string UpstreamId, string Indicator, string? IncidentName, string? IncidentStatus) : BoardEvent(Actor, At);
