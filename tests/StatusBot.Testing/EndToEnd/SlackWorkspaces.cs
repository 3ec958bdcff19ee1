using StatusBot.Core.Announcing;
using StatusBot.Core.Replies;

namespace StatusBot.Testing.EndToEnd;

/// <summary>
/// Several Slack workspaces behind the one <c>slack</c> publisher the announcer knows: each channel goes to the publisher of
/// its <see cref="ChannelRef.WorkspaceId"/> (each with its own token and pacer, as separate installations would have).
/// </summary>
public sealed class SlackWorkspaces(IReadOnlyDictionary<string, IChatPublisher> byWorkspace) : IChatPublisher
{
    public string Platform => "slack";

    public Task<PublishResult> PostAsync(ChannelRef channel, Reply reply, PostOptions options, CancellationToken cancellationToken) =>
        Of(channel).PostAsync(channel, reply, options, cancellationToken);

    public Task<PublishResult> EditAsync(ChannelRef channel, string messageId, Reply reply, CancellationToken cancellationToken) =>
        Of(channel).EditAsync(channel, messageId, reply, cancellationToken);

    public Task<PublishResult> ReplyInThreadAsync(ChannelRef channel, string parentMessageId, string? threadId, Reply reply, PostOptions options, CancellationToken cancellationToken) =>
        Of(channel).ReplyInThreadAsync(channel, parentMessageId, threadId, reply, options, cancellationToken);

    private IChatPublisher Of(ChannelRef channel) =>
        byWorkspace.TryGetValue(channel.WorkspaceId ?? "", out var publisher) ? publisher : throw new InvalidOperationException("no Slack workspace " + channel.WorkspaceId);
}
