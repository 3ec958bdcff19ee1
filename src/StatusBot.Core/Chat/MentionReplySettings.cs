namespace StatusBot.Core.Chat;

/// <summary>
/// How the bot answers a crowd of mentions in one channel: mentions about the same service within
/// <see cref="GroupWindow"/> of the first one are answered in the first answer's thread (at most
/// <see cref="RepliesPerThread"/> of them, the rest with a reaction), and the bot posts at most
/// <see cref="ChannelMessagesPerMinute"/> answers of its own in a channel per minute, reacting beyond that.
/// </summary>
/// <remarks>A <see cref="GroupWindow"/> of zero turns grouping off; a <see cref="ChannelMessagesPerMinute"/> of zero lifts the limit.</remarks>
public sealed record MentionReplySettings(TimeSpan GroupWindow, int ChannelMessagesPerMinute, int RepliesPerThread)
{
    /// <summary>The serve defaults: one minute's mentions about a service share one answer; three answers per channel per minute.</summary>
    public static MentionReplySettings Default { get; } = new(TimeSpan.FromSeconds(60), 3, 10);

    /// <summary>Every mention answered on its own, as if no one else had asked.</summary>
    public static MentionReplySettings Off { get; } = new(TimeSpan.Zero, 0, 0);

    public bool Groups => GroupWindow > TimeSpan.Zero;

    public bool LimitsChannels => ChannelMessagesPerMinute > 0;
}
