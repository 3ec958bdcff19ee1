namespace StatusBot.Core.Domain;

/// <summary>
/// The evidence that blames an upstream, in time order: when our checks first failed, when the provider acknowledged
/// trouble (and in what words), when it said it was resolved, and when the admins were told it still reported nothing.
/// </summary>
public sealed record UpstreamEvidence(
    string UpstreamId,
    DateTimeOffset ChecksFailedAt,
    DateTimeOffset? AcknowledgedAt,
    string? ProviderTitle,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? SilenceNotedAt)
{
    /// <summary>How long after our checks failed the provider spoke (negative when it spoke first).</summary>
    public TimeSpan? Lead => AcknowledgedAt - ChecksFailedAt;
}
