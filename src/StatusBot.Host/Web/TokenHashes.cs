using System.Security.Cryptography;
using System.Text;

namespace StatusBot.Host.Web;

/// <summary>Secrets are configured as SHA-256 hashes; a presented token is hashed and compared with each in constant time.</summary>
internal static class TokenHashes
{
    /// <summary>The first item whose hash is the presented token's, or default. Every hash is compared, matched or not.</summary>
    public static T? Find<T>(string? presented, IEnumerable<T> items, Func<T, string?> sha256Of)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return default;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        T? match = default;
        var found = false;
        foreach (var item in items)
        {
            // Timing says nothing about which hash (or none) matched: all are compared, to the end.
            if (sha256Of(item) is { Length: 64 } hex && CryptographicOperations.FixedTimeEquals(hash, Convert.FromHexString(hex)) && !found)
            {
                match = item;
                found = true;
            }
        }

        return match;
    }
}
