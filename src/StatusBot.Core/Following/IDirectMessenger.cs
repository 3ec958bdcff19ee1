using StatusBot.Core.Announcing;

namespace StatusBot.Core.Following;

/// <summary>
/// The port that opens a direct message channel with a person on one platform (Slack <c>conversations.open</c>, Discord
/// <c>POST /users/@me/channels</c>). The message itself is posted there through the platform's <see cref="IChatPublisher"/>,
/// like a channel post (same rendering, escaping, rate limits and idempotency key). Failures are values:
/// <see cref="PublishOutcome.ChannelGone"/> means the platform will not let the bot write to this person.
/// </summary>
public interface IDirectMessenger
{
    /// <summary>The platform name, matching <see cref="DirectRecipient.Platform"/>.</summary>
    string Platform { get; }

    /// <summary>Opens (or finds) the direct message channel; on success its id is the result's <see cref="PublishResult.MessageId"/>.</summary>
    Task<PublishResult> OpenAsync(DirectRecipient recipient, CancellationToken cancellationToken);
}
