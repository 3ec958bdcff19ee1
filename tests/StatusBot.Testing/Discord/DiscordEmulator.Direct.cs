using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace StatusBot.Testing.Discord;

/// <summary>
/// Direct messages: <c>POST /users/@me/channels</c> with <c>recipient_id</c> answers the user's DM channel (the same one
/// every time, type 1), and messages are created there like in any channel (nonce, per-channel and global limits). A user
/// who does not accept the bot's messages is answered 403 with code 50007 when a message is created, as Discord does.
/// </summary>
public sealed partial class DiscordEmulator
{
    private readonly ConcurrentDictionary<string, string> _directChannels = new(StringComparer.Ordinal);

    /// <summary>Times a DM channel was asked for, by user id.</summary>
    public ConcurrentDictionary<string, int> DirectOpens { get; } = new(StringComparer.Ordinal);

    /// <summary>The DM channel of a user, once the bot opened it.</summary>
    public string? DirectChannelOf(string userId) => _directChannels.GetValueOrDefault(userId);

    /// <summary>The messages the bot sent the user by direct message.</summary>
    public IReadOnlyList<EmulatedMessage> DirectMessagesTo(string userId) =>
        DirectChannelOf(userId) is { } channel ? MessagesIn(channel) : [];

    /// <summary>From now on, messages to this user are refused: 403, code 50007 (blocked the bot, left every shared server, or closed DMs).</summary>
    public void RefuseDirectMessages(string userId) =>
        _gone[DirectChannel(userId)] = (403, """{"message":"Cannot send messages to this user","code":50007}""");

    private string DirectChannel(string userId) => _directChannels.GetOrAdd(userId, _ => NewId());

    private async Task OpenDirectAsync(HttpContext context, string body)
    {
        var recipient = Parse(body)?["recipient_id"]?.GetValue<string>();
        if (recipient is not { Length: > 0 } || !recipient.All(char.IsAsciiDigit))
        {
            await JsonAsync(context, 400, new JsonObject { ["message"] = "Invalid Form Body", ["code"] = 50035 });
            return;
        }

        DirectOpens.AddOrUpdate(recipient, 1, (_, n) => n + 1);
        var channel = DirectChannel(recipient);
        await JsonAsync(context, 200, new JsonObject
        {
            ["id"] = channel,
            ["type"] = 1,
            ["recipients"] = new JsonArray(new JsonObject { ["id"] = recipient, ["username"] = "user" + recipient[^4..] }),
        });
    }
}
