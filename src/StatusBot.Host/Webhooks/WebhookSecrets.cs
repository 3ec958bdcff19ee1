using System.Security.Cryptography;

namespace StatusBot.Host.Webhooks;

/// <summary>Secrets in the Standard Webhooks form: <c>whsec_</c> then the base64 of 24 to 64 random bytes.</summary>
public static class WebhookSecrets
{
    public const string Prefix = "whsec_";

    /// <summary>Why <paramref name="secret"/> is not a usable secret (never quoting it), or null.</summary>
    public static string? Check(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || !secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return "must be in the Standard Webhooks form whsec_<base64 of 24 to 64 random bytes>";
        }

        Span<byte> bytes = stackalloc byte[128];
        return Convert.TryFromBase64String(secret[Prefix.Length..], bytes, out var length) && length is >= 24 and <= 64
            ? null
            : "must be whsec_ followed by the base64 of 24 to 64 bytes";
    }

    /// <summary>A new secret of 32 random bytes.</summary>
    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
