namespace StatusBot.Core.Announcing;

/// <summary>A chat channel on one platform (<c>slack</c>, <c>discord</c>); <see cref="WorkspaceId"/> is the Slack team or Discord guild.</summary>
public sealed record ChannelRef(string Platform, string ChannelId, string? WorkspaceId = null);
