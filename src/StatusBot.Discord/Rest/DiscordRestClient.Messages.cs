using StatusBot.Discord.Wire;

namespace StatusBot.Discord.Rest;

internal sealed partial class DiscordRestClient
{
    /// <summary><c>POST /channels/{channel}/messages</c>; a <c>nonce</c> in the payload with <c>enforce_nonce</c> makes a resend a no-op.</summary>
    public Task<RestResult<DiscordMessage>> CreateMessageAsync(string channelId, MessagePayload payload, CancellationToken cancellationToken) =>
        SendAsync(
            DiscordRoute.Channel(HttpMethod.Post, "/channels/{channel_id}/messages", channelId, $"/channels/{Id(channelId)}/messages"),
            payload,
            DiscordJsonContext.Default.MessagePayload,
            DiscordJsonContext.Default.DiscordMessage,
            cancellationToken);

    /// <summary><c>PATCH /channels/{channel}/messages/{message}</c>.</summary>
    public Task<RestResult<DiscordMessage>> EditMessageAsync(string channelId, string messageId, MessagePayload payload, CancellationToken cancellationToken) =>
        SendAsync(
            DiscordRoute.Channel(HttpMethod.Patch, "/channels/{channel_id}/messages/{message_id}", channelId, $"/channels/{Id(channelId)}/messages/{Id(messageId)}"),
            payload with { Nonce = null, EnforceNonce = null },
            DiscordJsonContext.Default.MessagePayload,
            DiscordJsonContext.Default.DiscordMessage,
            cancellationToken);

    /// <summary><c>POST /channels/{channel}/messages/{message}/threads</c>: starts a public thread from a message.</summary>
    public Task<RestResult<DiscordChannel>> StartThreadAsync(string channelId, string messageId, string name, CancellationToken cancellationToken) =>
        SendAsync(
            DiscordRoute.Channel(HttpMethod.Post, "/channels/{channel_id}/messages/{message_id}/threads", channelId, $"/channels/{Id(channelId)}/messages/{Id(messageId)}/threads"),
            new StartThreadRequest(name, AutoArchiveDuration: 1440),
            DiscordJsonContext.Default.StartThreadRequest,
            DiscordJsonContext.Default.DiscordChannel,
            cancellationToken);

    /// <summary>
    /// <c>PUT /channels/{channel}/messages/{message}/reactions/{emoji}/@me</c>: the bot's reaction with a Unicode
    /// <paramref name="emoji"/>. Reactions share one bucket per channel, which Discord keeps small.
    /// </summary>
    public Task<RestResult<DiscordMessage>> AddReactionAsync(string channelId, string messageId, string emoji, CancellationToken cancellationToken) =>
        SendAsync<DiscordMessage>(
            DiscordRoute.Channel(
                HttpMethod.Put,
                "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me",
                channelId,
                $"/channels/{Id(channelId)}/messages/{Id(messageId)}/reactions/{Uri.EscapeDataString(emoji)}/@me"),
            null,
            null,
            null,
            cancellationToken);

    /// <summary>
    /// <c>POST /users/@me/channels</c> with <c>recipient_id</c>: the direct message channel with a user (the same one each
    /// time). Discord says whether the user accepts messages only when one is sent (code 50007).
    /// </summary>
    public Task<RestResult<DiscordChannel>> OpenDirectChannelAsync(string userId, CancellationToken cancellationToken) =>
        SendAsync(
            new DiscordRoute(HttpMethod.Post, "/users/@me/channels", "", "/users/@me/channels"),
            new OpenDirectChannelRequest(Id(userId)),
            DiscordJsonContext.Default.OpenDirectChannelRequest,
            DiscordJsonContext.Default.DiscordChannel,
            cancellationToken);

    /// <summary>Snowflakes only: an id can never change the path it is put in.</summary>
    internal static string Id(string id) =>
        id.Length is > 0 and <= 20 && id.All(char.IsAsciiDigit) ? id : throw new ArgumentException($"'{id}' is not a Discord id.", nameof(id));
}
