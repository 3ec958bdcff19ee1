namespace StatusBot.Monitoring;

/// <summary>
/// One result for a service: its outcome, when, and a short detail ("HTTP 503", "timeout after 5 s"). A
/// <paramref name="Conclusive"/> observation comes from a source that already debounced it (an Alertmanager alert has its
/// own <c>for:</c> duration and <c>resolve_timeout</c>), so it counts as reaching the failure or recovery threshold at once.
/// </summary>
public sealed record Observation(string ServiceId, ProbeOutcome Outcome, DateTimeOffset At, string Detail, bool Conclusive = false);
