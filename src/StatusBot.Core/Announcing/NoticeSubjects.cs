namespace StatusBot.Core.Announcing;

/// <summary>
/// The notices to admins that go through the outbox: <c>gone:&lt;channel key&gt;</c> says a channel was disabled. The
/// announcement id carries the time of the disabling, so a channel disabled again after a re-subscribe gets a notice of
/// its own (the delivery ledger and the platforms' idempotency keys would otherwise take it for the first one).
/// </summary>
public static class NoticeSubjects
{
    public const string GonePrefix = "gone:";

    public static bool IsNotice(string subject) => subject.StartsWith(GonePrefix, StringComparison.Ordinal);

    public static string Gone(string channelKey) => GonePrefix + channelKey;

    /// <summary>The id of the notice about the channel's current disabling (<c>gone:key/1</c> for one disabled before the time was kept).</summary>
    public static string GoneId(ChannelSubscription channel) =>
        channel.DisabledAt is { } at
            ? $"{Gone(channel.Key)}@{at.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)}/1"
            : Gone(channel.Key) + "/1";
}
