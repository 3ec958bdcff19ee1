using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Reasons = StatusBot.Core.Telemetry.StatusBotMetrics.SignatureFailureReasons;

namespace StatusBot.Slack.Verification;

/// <summary>
/// Slack's request signature: <c>v0=</c> + hex(HMAC-SHA256(signing secret, <c>v0:{timestamp}:{raw body}</c>)), compared in
/// constant time, with the timestamp no more than five minutes from now.
/// </summary>
public sealed class SlackSignatureVerifier(byte[] secret, TimeProvider time)
{
    public const string TimestampHeader = "X-Slack-Request-Timestamp";

    public const string SignatureHeader = "X-Slack-Signature";

    public static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(5);

    private const string Version = "v0";

    public SlackSignatureVerifier(string secret, TimeProvider time)
        : this(Encoding.UTF8.GetBytes(secret), time)
    {
    }

    /// <summary>True only when the timestamp is fresh and the signature matches the raw body.</summary>
    public bool Verify(string? timestamp, string? signature, ReadOnlySpan<byte> body) => Failure(timestamp, signature, body) is null;

    /// <summary>Why the request fails verification (one of <see cref="Reasons"/>), or null when it passes.</summary>
    public string? Failure(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature) || timestamp.Length > 20)
        {
            return Reasons.Malformed;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return Reasons.Malformed;
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - seconds) > (long)MaxSkew.TotalSeconds)
        {
            return Reasons.Stale;
        }

        Span<byte> expected = stackalloc byte[3 + 64];
        Compute(timestamp, body, expected);
        Span<byte> given = stackalloc byte[expected.Length];
        if (Encoding.ASCII.GetByteCount(signature) != expected.Length)
        {
            return Reasons.Malformed;
        }

        Encoding.ASCII.GetBytes(signature, given);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? null : Reasons.Mismatch;
    }

    /// <summary>The <c>X-Slack-Signature</c> value for a body (what Slack would send; used by tests and the benchmark too).</summary>
    public string Sign(string timestamp, ReadOnlySpan<byte> body)
    {
        Span<byte> signature = stackalloc byte[3 + 64];
        Compute(timestamp, body, signature);
        return Encoding.ASCII.GetString(signature);
    }

    private void Compute(string timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        // One-shot HMAC over "v0:{timestamp}:{body}" in a pooled buffer: no per-request hash object.
        var length = Version.Length + 2 + timestamp.Length + body.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.ASCII.GetBytes(Version, rented);
            rented[written++] = (byte)':';
            written += Encoding.ASCII.GetBytes(timestamp, rented.AsSpan(written));
            rented[written++] = (byte)':';
            body.CopyTo(rented.AsSpan(written));
            Span<byte> mac = stackalloc byte[32];
            HMACSHA256.HashData(secret, rented.AsSpan(0, length), mac);
            "v0="u8.CopyTo(destination);
            Convert.TryToHexStringLower(mac, destination[3..], out _);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
