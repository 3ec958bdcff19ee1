namespace StatusBot.Core.Announcing;

/// <summary>The stable key of a channel (<c>discord:guild:channel</c>) used in state, outbox and idempotency keys.</summary>
public static class ChannelKeys
{
    public static string Of(ChannelRef channel) => $"{channel.Platform}:{channel.WorkspaceId ?? "-"}:{channel.ChannelId}";
}
