using StatusBot.Core.Replies;

namespace StatusBot.Core.Announcing;

/// <summary>
/// The port the announcer posts through; each platform adapter implements it. Implementations render the neutral
/// <see cref="Reply"/> for their platform (escaping every text, never pinging anyone), respect the platform's rate
/// limits, and report failures as values rather than exceptions.
/// </summary>
public interface IChatPublisher
{
    /// <summary>The platform name, matching <see cref="ChannelRef.Platform"/>.</summary>
    string Platform { get; }

    /// <summary>Posts a new message (the living status card).</summary>
    Task<PublishResult> PostAsync(ChannelRef channel, Reply reply, PostOptions options, CancellationToken cancellationToken);

    /// <summary>Edits a message posted before, in place.</summary>
    Task<PublishResult> EditAsync(ChannelRef channel, string messageId, Reply reply, CancellationToken cancellationToken);

    /// <summary>
    /// Replies in the thread under <paramref name="parentMessageId"/>, so people are notified of a change. Pass the
    /// <paramref name="threadId"/> a previous reply returned; without one, the thread is started (Discord) or addressed by
    /// the parent (Slack). The result's <see cref="PublishResult.ThreadId"/> is the one to pass next time.
    /// </summary>
    Task<PublishResult> ReplyInThreadAsync(
        ChannelRef channel,
        string parentMessageId,
        string? threadId,
        Reply reply,
        PostOptions options,
        CancellationToken cancellationToken);
}
