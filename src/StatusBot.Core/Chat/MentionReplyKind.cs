namespace StatusBot.Core.Chat;

/// <summary>Where an adapter puts its answer to a mention in a channel.</summary>
public enum MentionReplyKind
{
    /// <summary>In the channel, as a reply to the mention (the first of a crowd, or a question of its own).</summary>
    InChannel,

    /// <summary>In the thread of the first answer to the same question (<see cref="MentionReplyPlan.Thread"/>).</summary>
    InThread,

    /// <summary>No post: a reaction on the mention, since the channel has heard enough from the bot for now.</summary>
    Reaction,
}
