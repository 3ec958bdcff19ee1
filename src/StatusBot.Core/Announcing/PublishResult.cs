namespace StatusBot.Core.Announcing;

/// <summary>
/// The outcome of one publisher call. <see cref="MessageId"/> identifies the posted message (Slack <c>ts</c>, Discord message
/// id) so later updates can edit it; <see cref="ThreadId"/> is where thread replies go (Slack: the parent <c>ts</c>;
/// Discord: the thread channel started from the message).
/// </summary>
public sealed record PublishResult(PublishOutcome Outcome, string? MessageId = null, string? ThreadId = null, TimeSpan? RetryAfter = null, string? Error = null)
{
    public static PublishResult Delivered(string messageId, string? threadId = null) => new(PublishOutcome.Delivered, messageId, threadId);

    public static PublishResult Retry(TimeSpan? after, string error) => new(PublishOutcome.RetryLater, RetryAfter: after, Error: error);

    public static PublishResult Gone(string error) => new(PublishOutcome.ChannelGone, Error: error);

    public static PublishResult Rejected(string error) => new(PublishOutcome.Rejected, Error: error);
}
