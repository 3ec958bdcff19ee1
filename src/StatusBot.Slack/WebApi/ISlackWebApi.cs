using StatusBot.Slack.Rendering;

namespace StatusBot.Slack.WebApi;

/// <summary>
/// The Slack Web API methods StatusBot calls. Failures come back as values; only cancellation throws. A call about a
/// workspace (a message's <see cref="SlackMessage.Workspace"/>, a <c>workspaceId</c>) uses that workspace's bot token when
/// one is configured.
/// </summary>
public interface ISlackWebApi
{
    /// <summary>
    /// <c>chat.postMessage</c>, paced per channel; <see cref="SlackMessage.ThreadTs"/> makes it a thread reply. A message with
    /// <see cref="SlackMessage.Metadata"/> (an announcement's key) is not retried after a timeout or 5xx: it may have been
    /// posted, so the caller looks for it before trying again.
    /// </summary>
    Task<SlackApiResult> PostMessageAsync(SlackMessage message, CancellationToken cancellationToken);

    /// <summary><c>chat.update</c> of the message <see cref="SlackMessage.Ts"/>, paced per channel.</summary>
    Task<SlackApiResult> UpdateMessageAsync(SlackMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Looks for a message StatusBot posted with idempotency key <paramref name="key"/> in its metadata: among the channel's
    /// latest messages (<c>conversations.history</c>), or in the thread under <paramref name="threadTs"/>
    /// (<c>conversations.replies</c>). Ok with <see cref="SlackApiResult.Ts"/> set when found, null when not.
    /// </summary>
    Task<SlackApiResult> FindPostedAsync(string channel, string? threadTs, string key, CancellationToken cancellationToken, string? workspaceId = null);

    /// <summary><c>chat.postEphemeral</c> to <see cref="SlackMessage.User"/> in <see cref="SlackMessage.Channel"/>.</summary>
    Task<SlackApiResult> PostEphemeralAsync(SlackMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// <c>reactions.add</c>: the bot's reaction <paramref name="name"/> (an emoji name without colons) on the message
    /// <paramref name="ts"/>; a reaction that is there already counts as done.
    /// </summary>
    Task<SlackApiResult> AddReactionAsync(string channel, string ts, string name, CancellationToken cancellationToken);

    /// <summary>
    /// <c>conversations.open</c> with <c>users=<paramref name="userId"/></c>: the direct message channel with the user (its id in
    /// <see cref="SlackApiResult.Channel"/>), paced for the method's tier; in workspace <paramref name="workspaceId"/> (its
    /// bot token) when given.
    /// </summary>
    Task<SlackApiResult> OpenDirectAsync(string userId, CancellationToken cancellationToken, string? workspaceId = null);

    /// <summary><c>users.info</c> with the locale.</summary>
    Task<SlackApiResult> UsersInfoAsync(string userId, CancellationToken cancellationToken);

    /// <summary><c>apps.connections.open</c> with the app-level token: a fresh Socket Mode URL.</summary>
    Task<SlackApiResult> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Posts a delayed answer to a <c>response_url</c> (no token: the URL is the credential).</summary>
    Task<SlackApiResult> RespondAsync(string responseUrl, SlackMessage message, CancellationToken cancellationToken);
}
