namespace StatusBot.Core.Chat;

/// <summary>
/// What <see cref="MentionReplyPlanner"/> decided for one mention: where the answer goes and, for the first answer of a
/// crowd or one that joins it, the <see cref="MentionThread"/> they share.
/// </summary>
public sealed record MentionReplyPlan(MentionReplyKind Kind, MentionThread? Thread)
{
    /// <summary>The answer goes to the channel on its own, with nothing to share.</summary>
    public static MentionReplyPlan Alone { get; } = new(MentionReplyKind.InChannel, null);
}
