using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using NSec.Cryptography;

namespace StatusBot.Testing.Discord;

/// <summary>
/// A test Ed25519 key pair that signs requests exactly as Discord does (<c>timestamp + raw body</c>), so the adapter's
/// real verification runs in tests.
/// </summary>
public sealed class InteractionSigner : IDisposable
{
    private readonly Key _key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });

    /// <summary>The public key as the Developer Portal shows it: 64 hex characters.</summary>
    public string PublicKeyHex => Convert.ToHexStringLower(_key.PublicKey.Export(KeyBlobFormat.RawPublicKey));

    /// <summary>The private key (the seed), for tests that assert it never shows up anywhere.</summary>
    public string PrivateKeyHex => Convert.ToHexStringLower(_key.Export(KeyBlobFormat.RawPrivateKey));

    public string Sign(string timestamp, string body) =>
        Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(_key, Encoding.UTF8.GetBytes(timestamp + body)));

    public static string TimestampOf(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>A signed <c>POST</c> of <paramref name="body"/>, timestamped <paramref name="at"/>.</summary>
    public HttpRequestMessage Request(Uri uri, string body, DateTimeOffset at)
    {
        var timestamp = TimestampOf(at);
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Signature-Ed25519", Sign(timestamp, body));
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        return request;
    }

    public void Dispose() => _key.Dispose();
}
