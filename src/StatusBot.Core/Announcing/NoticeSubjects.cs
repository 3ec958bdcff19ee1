using StatusBot.Core.Domain;

namespace StatusBot.Core.Announcing;

/// <summary>
/// The notices to admins that go through the outbox: <c>gone:&lt;channel key&gt;</c> says a channel was disabled;
/// <c>silent:&lt;incident id&gt;:&lt;upstream id&gt;</c> says an upstream still reports no problem while the incident's
/// services keep failing (posted once per incident and upstream); <c>crowd:&lt;service id&gt;@&lt;unix ms&gt;</c> says many
/// more people than usual asked about a service with no open incident (posted once per surge). The
/// announcement id carries the time of the disabling, so a channel disabled again after a re-subscribe gets a notice of
/// its own (the delivery ledger and the platforms' idempotency keys would otherwise take it for the first one).
/// </summary>
public static class NoticeSubjects
{
    public const string GonePrefix = "gone:";

    public const string SilentPrefix = "silent:";

    public const string CrowdPrefix = "crowd:";

    /// <summary>Subjects of notices that a webhook endpoint was disabled: <c>webhook-off:&lt;endpoint id&gt;</c>.</summary>
    public const string WebhookOffPrefix = "webhook-off:";

    /// <summary>
    /// True for a notice to admins: a channel gone, an upstream silent, a crowd asking, a webhook endpoint disabled, or a
    /// public draft awaiting a decision (<c>draft:</c>).
    /// </summary>
    public static bool IsNotice(string subject) =>
        subject.StartsWith(GonePrefix, StringComparison.Ordinal)
        || subject.StartsWith(SilentPrefix, StringComparison.Ordinal)
        || subject.StartsWith(CrowdPrefix, StringComparison.Ordinal)
        || subject.StartsWith(WebhookOffPrefix, StringComparison.Ordinal)
        || subject.StartsWith(Publishing.PublicSubjects.NoticePrefix, StringComparison.Ordinal);

    /// <summary>The subject of the notice about one crowd surge.</summary>
    public static string Crowd(CrowdSurge surge) =>
        $"{CrowdPrefix}{surge.ServiceId}@{surge.At.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>The service and time of a <c>crowd:</c> subject, or null for any other subject.</summary>
    public static (string ServiceId, long AtMilliseconds)? ParseCrowd(string subject)
    {
        if (!subject.StartsWith(CrowdPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = subject[CrowdPrefix.Length..];
        var at = rest.LastIndexOf('@');
        return at > 0 && long.TryParse(rest.AsSpan(at + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ms)
            ? (rest[..at], ms)
            : null;
    }

    public static string WebhookOff(string endpointId) => WebhookOffPrefix + endpointId;

    /// <summary>The id of the notice about the endpoint's current disabling, which carries its time like <see cref="GoneId"/>.</summary>
    public static string WebhookOffId(Webhooks.WebhookEndpoint endpoint) =>
        $"{WebhookOff(endpoint.Id)}@{(endpoint.DisabledAt ?? DateTimeOffset.UnixEpoch).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)}/1";

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
