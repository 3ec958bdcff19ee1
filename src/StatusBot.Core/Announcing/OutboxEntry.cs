namespace StatusBot.Core.Announcing;

/// <summary>
/// An announcement persisted before it is sent: bring <see cref="Subject"/> (an incident or maintenance id) to
/// <see cref="Version"/> in one channel. It leaves the outbox when it is delivered or fails for good.
/// </summary>
public sealed record OutboxEntry(string AnnouncementId, string ChannelKey, string Subject, int Version, DateTimeOffset QueuedAt)
{
    public string Key => OutboxKeys.Of(Subject, ChannelKey);
}
