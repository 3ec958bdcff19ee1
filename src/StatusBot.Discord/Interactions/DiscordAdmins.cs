using System.Numerics;
using Microsoft.Extensions.Options;
using StatusBot.Discord.Wire;

namespace StatusBot.Discord.Interactions;

/// <summary>
/// Who is an admin on Discord: members whose channel permissions include ADMINISTRATOR or MANAGE_GUILD, members of a
/// configured role, and configured users (the only admins in DMs, where there are no permissions).
/// </summary>
internal sealed class DiscordAdmins(IOptions<DiscordOptions> options)
{
    public static readonly BigInteger Administrator = 1 << 3;
    public static readonly BigInteger ManageGuild = 1 << 5;

    private readonly HashSet<string> _roles = [.. options.Value.AdminRoleIds];
    private readonly HashSet<string> _users = [.. options.Value.AdminUserIds];

    public bool IsAdmin(GuildMember? member, DiscordUser? user)
    {
        var userId = member?.User?.Id ?? user?.Id;
        if (userId is not null && _users.Contains(userId))
        {
            return true;
        }

        if (member is null)
        {
            return false;
        }

        if (member.Roles is { } roles && roles.Any(_roles.Contains))
        {
            return true;
        }

        return BigInteger.TryParse(member.Permissions, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bits)
            && ((bits & Administrator) != 0 || (bits & ManageGuild) != 0);
    }
}
