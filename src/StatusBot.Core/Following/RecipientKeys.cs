namespace StatusBot.Core.Following;

/// <summary>
/// Keys of the recipients of a fan-out, kind first (<c>dm:</c> for a direct message), so other kinds of recipients can
/// share the delivery ledger without colliding with channels (<c>slack:T1:C1</c>) or each other.
/// </summary>
public static class RecipientKeys
{
    public const string DirectPrefix = "dm:";

    public static string Direct(string platform, string? workspaceId, string userId) => $"{DirectPrefix}{platform}:{workspaceId ?? "-"}:{userId}";

    public static bool IsDirect(string key) => key.StartsWith(DirectPrefix, StringComparison.Ordinal);
}
