using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using StatusBot.Core.Board;

namespace StatusBot.Slack.Verification;

/// <summary>
/// Refuses a Slack request already received. A signed request is known by its timestamp and signature (a copy replayed
/// while the timestamp is still fresh has both unchanged) and remembered until that timestamp can no longer pass
/// <see cref="SlackSignatureVerifier"/>; a slash command or interaction also by its <c>trigger_id</c>, which Slack makes
/// once per user action. Claims go to the <see cref="IReplayLedger"/>, so instances sharing a database share them.
/// </summary>
public sealed class SlackReplayGuard(IReplayLedger ledger, TimeProvider time)
{
    /// <summary>How long past its timestamp's window a claim is kept: clocks of instances differ a little.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(1);

    /// <summary>True the first time this signed request arrives; false for a copy. Call only after the signature passed.</summary>
    public ValueTask<bool> FirstDeliveryAsync(string timestamp, string signature, CancellationToken cancellationToken)
    {
        var signedAt = long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : time.GetUtcNow();
        return ledger.TryClaimAsync("slack:request:" + Digest(timestamp + ":" + signature), signedAt + SlackSignatureVerifier.MaxSkew + Margin, cancellationToken);
    }

    /// <summary>True the first time this <c>trigger_id</c> is seen (or when there is none); false for a repeat.</summary>
    public ValueTask<bool> FirstTriggerAsync(string? triggerId, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(triggerId)
            ? ValueTask.FromResult(true)
            : ledger.TryClaimAsync("slack:trigger:" + Digest(triggerId), time.GetUtcNow() + (2 * SlackSignatureVerifier.MaxSkew) + Margin, cancellationToken);

    private static string Digest(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
