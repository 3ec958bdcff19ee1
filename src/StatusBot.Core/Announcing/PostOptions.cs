using System.Globalization;

namespace StatusBot.Core.Announcing;

/// <summary>
/// How to post: <see cref="IdempotencyKey"/> is stable across resends of the same announcement (Discord turns it into a
/// <c>nonce</c> with <c>enforce_nonce</c>, so a resend after a crash is not a duplicate).
/// </summary>
public sealed record PostOptions(string? IdempotencyKey = null, CultureInfo? Culture = null);
