using StatusBot.Core.Chat;

namespace StatusBot.Host.Configuration;

/// <summary>
/// The <c>StatusBot:Chat</c> section: how the bot answers a crowd of mentions in one channel. Mentions about the same
/// service within <see cref="GroupWindowSeconds"/> of the first are answered in the first answer's thread (at most
/// <see cref="RepliesPerThread"/>, the rest with a reaction); the bot posts at most <see cref="ChannelMessagesPerMinute"/>
/// answers in a channel per minute and reacts beyond that. Slash commands and direct messages are not affected.
/// </summary>
public sealed class ChatOptions
{
    public int GroupWindowSeconds { get; set; } = (int)MentionReplySettings.Default.GroupWindow.TotalSeconds;

    public int ChannelMessagesPerMinute { get; set; } = MentionReplySettings.Default.ChannelMessagesPerMinute;

    public int RepliesPerThread { get; set; } = MentionReplySettings.Default.RepliesPerThread;

    public MentionReplySettings ToSettings() => new(TimeSpan.FromSeconds(GroupWindowSeconds), ChannelMessagesPerMinute, RepliesPerThread);
}
