using System.Globalization;

namespace StatusBot.Core.Announcing;

/// <summary>
/// How to post: <see cref="IdempotencyKey"/> is stable across resends of the same announcement (Discord turns it into a
/// <c>nonce</c> with <c>enforce_nonce</c>, so a resend after a crash is not a duplicate). <see cref="MayHaveBeenSent"/> says an
/// earlier attempt may have reached the platform without its answer being recorded (the post was pending when the bot
/// restarted, or the last attempt timed out): a platform without nonces (Slack) looks for the key before posting again.
/// </summary>
public sealed record PostOptions(string? IdempotencyKey = null, CultureInfo? Culture = null, bool MayHaveBeenSent = false);
