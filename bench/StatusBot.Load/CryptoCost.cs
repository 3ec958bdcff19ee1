using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;
using StatusBot.Testing.Discord;

namespace StatusBot.Load;

/// <summary>
/// What verifying one request's signature costs on one core, the floor under every signed answer: Ed25519 (NSec, as the
/// Discord adapter verifies) and HMAC-SHA256 (as the Slack adapter does), over the bodies the load generator sends.
/// </summary>
public static class CryptoCost
{
    public static void Run(int iterations = 20_000)
    {
        using var signer = new InteractionSigner();
        var timestamp = InteractionSigner.TimestampOf(DateTimeOffset.UtcNow);
        var body = StatusQuestions.DiscordBody(1);
        var message = Encoding.UTF8.GetBytes(timestamp + body);
        var signature = Convert.FromHexString(signer.Sign(timestamp, body));
        var publicKey = PublicKey.Import(SignatureAlgorithm.Ed25519, Convert.FromHexString(signer.PublicKeyHex), KeyBlobFormat.RawPublicKey);
        var ed25519 = Time(iterations, () => SignatureAlgorithm.Ed25519.Verify(publicKey, message, signature));

        var secret = Encoding.UTF8.GetBytes("bench-signing-secret");
        var form = Encoding.UTF8.GetBytes("v0:" + timestamp + ":" + StatusQuestions.SlackBody(1));
        var hmac = Time(iterations * 10, () => HMACSHA256.HashData(secret, form).Length == 32);

        Console.WriteLine();
        Console.WriteLine($"### signature verification cost (one thread, {iterations:#,0} Ed25519 and {iterations * 10:#,0} HMAC verifications after a warm-up; load avg {Report.LoadAverage()})");
        Console.WriteLine();
        Console.WriteLine("| check | body bytes | µs per request | verifications/s on one core |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Discord: Ed25519 verify (NSec) | {message.Length} | {ed25519:0.0} | {1_000_000 / ed25519:#,0} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Slack: HMAC-SHA256 of v0:ts:body | {form.Length} | {hmac:0.00} | {1_000_000 / hmac:#,0} |"));
    }

    /// <summary>Microseconds per call, the best of three timed rounds after one warm-up round.</summary>
    private static double Time(int iterations, Func<bool> verify)
    {
        var best = double.MaxValue;
        for (var round = 0; round < 4; round++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < iterations; i++)
            {
                if (!verify())
                {
                    throw new InvalidOperationException("a valid signature did not verify");
                }
            }

            if (round > 0)
            {
                best = Math.Min(best, watch.Elapsed.TotalMicroseconds / iterations);
            }
        }

        return best;
    }
}
