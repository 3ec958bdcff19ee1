namespace StatusBot.Core.Domain;

/// <summary>What is believed to have caused an incident, how sure that is, and the upstream blamed if any.</summary>
public sealed record Cause(string Text, CauseConfidence Confidence, string? UpstreamId);
