namespace StatusBot.Core.Following;

/// <summary>
/// A person reached by direct message on one platform: a Slack user of one workspace (<see cref="WorkspaceId"/> is the
/// team), or a Discord user (no workspace). The same person on two platforms is two recipients, never linked.
/// </summary>
public sealed record DirectRecipient(string Platform, string UserId, string? WorkspaceId = null)
{
    /// <summary>The stable key (<c>dm:slack:T1:U1</c>, <c>dm:discord:-:42</c>) used in state and in the delivery ledger.</summary>
    public string Key => RecipientKeys.Direct(Platform, WorkspaceId, UserId);
}
