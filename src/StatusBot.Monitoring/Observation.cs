namespace StatusBot.Monitoring;

/// <summary>One probe result for a service: its outcome, when, and a short detail ("HTTP 503", "timeout after 5 s").</summary>
public sealed record Observation(string ServiceId, ProbeOutcome Outcome, DateTimeOffset At, string Detail);
