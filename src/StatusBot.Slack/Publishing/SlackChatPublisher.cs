using StatusBot.Core.Announcing;
using StatusBot.Core.Replies;
using StatusBot.Slack.Rendering;
using StatusBot.Slack.WebApi;

namespace StatusBot.Slack.Publishing;

/// <summary>
/// The announcer's way into Slack: <c>chat.postMessage</c> for a new card, <c>chat.update</c> to edit it, and
/// <c>chat.postMessage</c> with <c>thread_ts</c> for thread replies. The client paces and retries; what is left is
/// mapped to the announcer's outcomes (gone channels are not retried, rate limits and outages are retried later).
/// </summary>
public sealed class SlackChatPublisher(ISlackWebApi api) : IChatPublisher
{
    public string Platform => "slack";

    public async Task<PublishResult> PostAsync(ChannelRef channel, Reply reply, PostOptions options, CancellationToken cancellationToken)
    {
        if (await FindEarlierAsync(channel, null, options, cancellationToken) is { } earlier)
        {
            return PublishResult.Delivered(earlier, earlier);
        }

        var result = await api.PostMessageAsync(Message(channel, reply, options), cancellationToken);
        return result.Ok ? PublishResult.Delivered(result.Ts!, result.Ts) : Failure(result);
    }

    public async Task<PublishResult> EditAsync(ChannelRef channel, string messageId, Reply reply, CancellationToken cancellationToken)
    {
        var result = await api.UpdateMessageAsync(Message(channel, reply) with { Ts = messageId }, cancellationToken);
        return result.Ok ? PublishResult.Delivered(result.Ts ?? messageId, messageId) : Failure(result);
    }

    public async Task<PublishResult> ReplyInThreadAsync(
        ChannelRef channel,
        string parentMessageId,
        string? threadId,
        Reply reply,
        PostOptions options,
        CancellationToken cancellationToken)
    {
        var thread = threadId ?? parentMessageId;
        if (await FindEarlierAsync(channel, thread, options, cancellationToken) is { } earlier)
        {
            return PublishResult.Delivered(earlier, thread);
        }

        var result = await api.PostMessageAsync(Message(channel, reply, options) with { ThreadTs = thread }, cancellationToken);
        return result.Ok ? PublishResult.Delivered(result.Ts!, thread) : Failure(result);
    }

    /// <summary>
    /// Slack has no nonce: when an earlier attempt may have been posted (pending at a restart, or timed out), look for
    /// its key in the channel or thread first. If Slack cannot tell (no history scope, an error), post anyway: at most one
    /// duplicate, never a lost announcement.
    /// </summary>
    private async Task<string?> FindEarlierAsync(ChannelRef channel, string? thread, PostOptions options, CancellationToken cancellationToken)
    {
        if (!options.MayHaveBeenSent || options.IdempotencyKey is not { } key)
        {
            return null;
        }

        var found = await api.FindPostedAsync(channel.ChannelId, thread, key, cancellationToken, channel.WorkspaceId);
        return found.Ok ? found.Ts : null;
    }

    internal static PublishResult Failure(SlackApiResult result)
    {
        var error = result.Error ?? result.Outcome.ToString();
        return result.Outcome switch
        {
            SlackCallOutcome.ChannelGone or SlackCallOutcome.UserRefused => PublishResult.Gone(error),
            SlackCallOutcome.RateLimited or SlackCallOutcome.Unavailable => PublishResult.Retry(result.RetryAfter, error),
            _ => PublishResult.Rejected(error),
        };
    }

    // Channel posts show every button; pressing one still goes through the core's admin check.
    private static SlackMessage Message(ChannelRef channel, Reply reply, PostOptions? options = null) =>
        SlackRenderer.Render(reply, showAdminActions: true) with
        {
            Channel = channel.ChannelId,
            Workspace = channel.WorkspaceId,
            UnfurlLinks = false,
            Metadata = options?.IdempotencyKey is { } key ? SlackMetadata.ForKey(key) : null,
        };
}
