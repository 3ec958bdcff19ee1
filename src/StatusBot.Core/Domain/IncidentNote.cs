namespace StatusBot.Core.Domain;

/// <summary>
/// An internal note on an incident: what the probes and alerts saw ("HTTP 503 in 4 ms", "alert HighErrorRate firing").
/// Admins read it (<c>incident show</c>, the admin API); no public surface shows it.
/// </summary>
public sealed record IncidentNote(DateTimeOffset At, string Text, Actor Author);
