using System.Globalization;
using StatusBot.Core.Board;
using StatusBot.Core.Chat;

namespace StatusBot.Slack.Verification;

/// <summary>
/// Refuses a Slack request already received. A signed request is known by its timestamp and signature (a copy replayed
/// while the timestamp is still fresh has both unchanged) and remembered until that timestamp can no longer pass
/// <see cref="SlackSignatureVerifier"/>; a slash command or interaction also by its <c>trigger_id</c>, which Slack makes
/// once per user action. Every request is checked against this process's memory; a command that changes something, and
/// a button, is also claimed in the shared <see cref="IReplayLedger"/>, so that instances sharing a database run it once.
/// Reads stay off the database: a copy of a question replayed to another instance answers it again and changes nothing.
/// </summary>
public sealed class SlackReplayGuard(LocalReplayLedger local, IReplayLedger shared, TimeProvider time) : IChangeClaim
{
    /// <summary>How long past its timestamp's window a claim is kept: clocks of instances differ a little.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan TriggerLifetime = (2 * SlackSignatureVerifier.MaxSkew) + Margin;

    /// <summary>Keys up to this length are written on the stack; a longer one (never from Slack) is built as a string.</summary>
    private const int StackKeyChars = 256;

    /// <summary>True the first time this signed request arrives here; false for a copy. Call only after the signature passed.</summary>
    public bool FirstDelivery(string timestamp, string signature)
    {
        var signedAt = long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : time.GetUtcNow();
        var until = signedAt + SlackSignatureVerifier.MaxSkew + Margin;

        // The key is written on the stack: no string for it on every request.
        Span<char> key = stackalloc char[StackKeyChars];
        return key.TryWrite($"slack:request:{timestamp}:{signature}", out var written)
            ? local.TryClaim(key[..written], until)
            : local.TryClaim("slack:request:" + timestamp + ":" + signature, until);
    }

    /// <summary>True the first time this <c>trigger_id</c> is seen here (or when there is none); false for a repeat.</summary>
    public bool FirstTrigger(string? triggerId)
    {
        if (string.IsNullOrEmpty(triggerId))
        {
            return true;
        }

        var until = time.GetUtcNow() + TriggerLifetime;
        Span<char> key = stackalloc char[StackKeyChars];
        return key.TryWrite($"slack:trigger:{triggerId}", out var written)
            ? local.TryClaim(key[..written], until)
            : local.TryClaim("slack:trigger:" + triggerId, until);
    }

    /// <summary>
    /// True the first time any instance sharing the ledger is asked to act on this <c>trigger_id</c> (<paramref name="key"/>, or when there is none);
    /// false for a repeat. For commands that change something and for buttons, after <see cref="FirstTrigger"/>.
    /// </summary>
    public ValueTask<bool> FirstChangeAsync(string? key, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(key)
            ? ValueTask.FromResult(true)
            : shared.TryClaimAsync("slack:change:" + key, time.GetUtcNow() + TriggerLifetime, cancellationToken);
}
