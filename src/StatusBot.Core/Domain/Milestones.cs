namespace StatusBot.Core.Domain;

/// <summary>The moments of an incident people ask about: when it started, was seen, acknowledged, mitigated and resolved.</summary>
public sealed record Milestones(
    DateTimeOffset Started,
    DateTimeOffset Detected,
    DateTimeOffset? Acknowledged,
    DateTimeOffset? Mitigated,
    DateTimeOffset? Resolved);
