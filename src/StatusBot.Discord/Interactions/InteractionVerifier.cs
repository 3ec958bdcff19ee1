using System.Buffers;
using System.Globalization;
using System.Text;
using NSec.Cryptography;
using Reasons = StatusBot.Core.Telemetry.StatusBotMetrics.SignatureFailureReasons;

namespace StatusBot.Discord.Interactions;

/// <summary>
/// Checks Discord's Ed25519 signature over <c>timestamp + raw body</c> and the timestamp's age, before anything is parsed.
/// Anything malformed (hex, lengths, timestamp) is simply a failure: Discord probes endpoints with bad signatures.
/// </summary>
public sealed class InteractionVerifier
{
    private const int SignatureLength = 64;
    private const int MaxTimestampLength = 20;

    private readonly PublicKey _publicKey;
    private readonly TimeProvider _time;
    private readonly long _maxSkewSeconds;

    public InteractionVerifier(string publicKeyHex, TimeProvider time, TimeSpan maxSkew)
    {
        _publicKey = PublicKey.Import(SignatureAlgorithm.Ed25519, Convert.FromHexString(publicKeyHex.Trim()), KeyBlobFormat.RawPublicKey);
        _time = time;
        _maxSkewSeconds = (long)maxSkew.TotalSeconds;
    }

    public bool Verify(string? timestamp, string? signatureHex, ReadOnlySpan<byte> body) => Failure(timestamp, signatureHex, body) is null;

    /// <summary>Why the request fails verification (one of <see cref="Reasons"/>), or null when it passes.</summary>
    public string? Failure(string? timestamp, string? signatureHex, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(timestamp) || timestamp.Length > MaxTimestampLength || signatureHex is null || signatureHex.Length != SignatureLength * 2
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return Reasons.Malformed;
        }

        if (Math.Abs(_time.GetUtcNow().ToUnixTimeSeconds() - seconds) > _maxSkewSeconds)
        {
            return Reasons.Stale;
        }

        Span<byte> signature = stackalloc byte[SignatureLength];
        if (Convert.FromHexString(signatureHex, signature, out _, out var written) != OperationStatus.Done || written != SignatureLength)
        {
            return Reasons.Malformed;
        }

        var length = timestamp.Length + body.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var stamped = Encoding.ASCII.GetBytes(timestamp, rented);
            body.CopyTo(rented.AsSpan(stamped));
            return SignatureAlgorithm.Ed25519.Verify(_publicKey, rented.AsSpan(0, length), signature) ? null : Reasons.Mismatch;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
