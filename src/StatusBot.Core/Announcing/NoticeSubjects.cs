namespace StatusBot.Core.Announcing;

/// <summary>
/// The notices to admins that go through the outbox: <c>gone:&lt;channel key&gt;</c> says a channel was disabled;
/// <c>silent:&lt;incident id&gt;:&lt;upstream id&gt;</c> says an upstream still reports no problem while the incident's
/// services keep failing (posted once per incident and upstream). The
/// announcement id carries the time of the disabling, so a channel disabled again after a re-subscribe gets a notice of
/// its own (the delivery ledger and the platforms' idempotency keys would otherwise take it for the first one).
/// </summary>
public static class NoticeSubjects
{
    public const string GonePrefix = "gone:";

    public const string SilentPrefix = "silent:";

    /// <summary>True for a notice to admins: a channel gone, an upstream silent, or a public draft awaiting a decision (<c>draft:</c>).</summary>
    public static bool IsNotice(string subject) =>
        subject.StartsWith(GonePrefix, StringComparison.Ordinal) || subject.StartsWith(SilentPrefix, StringComparison.Ordinal) ||
        subject.StartsWith(Publishing.PublicSubjects.NoticePrefix, StringComparison.Ordinal);

    public static string Silent(string incidentId, string upstreamId) => $"{SilentPrefix}{incidentId}:{upstreamId}";

    /// <summary>The incident and upstream of a <c>silent:</c> subject, or null for any other subject.</summary>
    public static (string IncidentId, string UpstreamId)? ParseSilent(string subject)
    {
        if (!subject.StartsWith(SilentPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = subject[SilentPrefix.Length..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        return colon <= 0 ? null : (rest[..colon], rest[(colon + 1)..]);
    }

    public static string Gone(string channelKey) => GonePrefix + channelKey;

    /// <summary>The id of the notice about the channel's current disabling (<c>gone:key/1</c> for one disabled before the time was kept).</summary>
    public static string GoneId(ChannelSubscription channel) =>
        channel.DisabledAt is { } at
            ? $"{Gone(channel.Key)}@{at.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)}/1"
            : Gone(channel.Key) + "/1";
}
