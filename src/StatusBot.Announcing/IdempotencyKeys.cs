using System.Security.Cryptography;
using System.Text;

namespace StatusBot.Announcing;

/// <summary>
/// The key sent with a post so a resend is not a duplicate: the same for the same announcement in the same channel, on
/// every run; 25 characters at most (Discord's <c>nonce</c> limit).
/// </summary>
public static class IdempotencyKeys
{
    public static string For(string announcementId, string channelKey)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(announcementId + "\n" + channelKey));
        return "sb" + Convert.ToHexStringLower(hash)[..23];
    }
}
