namespace StatusBot.Core.Domain;

/// <summary>One update in an incident's timeline.</summary>
public sealed record TimelineEntry(DateTimeOffset At, UpdateKind Kind, IncidentStatus Status, string Message, Actor Author);
