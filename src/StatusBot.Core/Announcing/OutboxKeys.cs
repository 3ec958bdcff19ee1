namespace StatusBot.Core.Announcing;

/// <summary>Keys of the outbox and of posted cards: one per subject (incident or maintenance) per channel.</summary>
public static class OutboxKeys
{
    public static string Of(string subject, string channelKey) => subject + "|" + channelKey;
}
