using System.Net;
using System.Security.Cryptography;
using System.Text;
using StatusBot.Core.Announcing;
using StatusBot.Core.Replies;
using StatusBot.Core.Text;
using StatusBot.Discord.Rendering;

namespace StatusBot.Discord.Rest;

/// <summary>
/// Posts the announcer's replies to Discord channels: create and edit the living card, and reply in a thread started
/// from it. Every message carries <c>allowed_mentions: {"parse": []}</c>; posts carry a nonce derived from the
/// idempotency key, with <c>enforce_nonce</c>.
/// </summary>
internal sealed class DiscordPublisher(DiscordRestClient rest) : IChatPublisher
{
    /// <summary>Discord answers this when a thread already exists for the message.</summary>
    public const int ThreadAlreadyCreated = 160004;

    private const int MaxNonceLength = 25;
    private const int MaxThreadName = 100;

    public string Platform => "discord";

    public async Task<PublishResult> PostAsync(ChannelRef channel, Reply reply, PostOptions options, CancellationToken cancellationToken)
    {
        var result = await rest.CreateMessageAsync(channel.ChannelId, DiscordRenderer.ToMessage(reply, Nonce(options.IdempotencyKey)), cancellationToken);
        return result.IsSuccess ? PublishResult.Delivered(result.Value!.Id!) : Failure(result);
    }

    public async Task<PublishResult> EditAsync(ChannelRef channel, string messageId, Reply reply, CancellationToken cancellationToken)
    {
        var result = await rest.EditMessageAsync(channel.ChannelId, messageId, DiscordRenderer.ToMessage(reply), cancellationToken);
        return result.IsSuccess ? PublishResult.Delivered(result.Value!.Id ?? messageId) : Failure(result);
    }

    public async Task<PublishResult> ReplyInThreadAsync(
        ChannelRef channel,
        string parentMessageId,
        string? threadId,
        Reply reply,
        PostOptions options,
        CancellationToken cancellationToken)
    {
        if (threadId is null)
        {
            var title = TimeMarks.Plain(reply.Title);
            var name = title.Length <= MaxThreadName ? title : title[..(MaxThreadName - 1)] + "…";
            var started = await rest.StartThreadAsync(channel.ChannelId, parentMessageId, name.Length == 0 ? "Updates" : name, cancellationToken);
            if (started.IsSuccess)
            {
                threadId = started.Value!.Id;
            }
            else if (started.Code == ThreadAlreadyCreated)
            {
                // A thread started from a message has the message's id.
                threadId = parentMessageId;
            }
            else
            {
                return Failure(started);
            }
        }

        var posted = await rest.CreateMessageAsync(threadId!, DiscordRenderer.ToMessage(reply, Nonce(options.IdempotencyKey)), cancellationToken);
        return posted.IsSuccess ? PublishResult.Delivered(posted.Value!.Id!, threadId) : Failure(posted);
    }

    /// <summary>Discord nonces are at most 25 characters: a stable hash of the key.</summary>
    internal static string? Nonce(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        if (key.Length <= MaxNonceLength && key.All(char.IsAsciiLetterOrDigit))
        {
            return key;
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..MaxNonceLength];
    }

    private static PublishResult Failure<T>(RestResult<T> result)
    {
        var error = $"HTTP {(int)result.Status}{(result.Code is { } code ? $" code {code}" : "")}: {result.Error}";
        return result.Status switch
        {
            _ when result.IsTransient => PublishResult.Retry(result.RetryAfter, error),
            HttpStatusCode.Forbidden or HttpStatusCode.NotFound => PublishResult.Gone(error),
            _ => PublishResult.Rejected(error),
        };
    }
}
