using StatusBot.Core.Timing;

namespace StatusBot.Core.Commands;

/// <summary>How many commands one chat user may send: a bucket of <see cref="Burst"/> refilled at <see cref="PerMinute"/>.</summary>
/// <remarks><see cref="PerMinute"/> of 0 turns the limit off. Admins are never limited: during an outage posting is their job.</remarks>
public sealed record RateLimitSettings(int PerMinute, int Burst)
{
    public static RateLimitSettings Off { get; } = new(0, 0);

    /// <summary>The serve defaults: ten at once, then one every three seconds.</summary>
    public static RateLimitSettings Default { get; } = new(20, 10);

    public bool Enabled => PerMinute > 0 && Burst > 0;
}

/// <summary>
/// A token bucket per (platform, user), so one person cannot make the bot flood a channel. Buckets are created on first
/// use and forgotten once full again, so memory follows the number of users active in the last minute or so.
/// </summary>
public sealed class CommandRateLimiter(RateLimitSettings settings, TimeProvider time)
{
    private const int PruneAbove = 4096;

    // The size that triggers the next pruning: twice what survived the last one, so a crowd of distinct askers costs
    // amortized constant work per command instead of a sweep of every bucket on every command.
    private int _pruneAt = PruneAbove;

    private readonly Dictionary<(string Platform, string UserId), Bucket> _buckets = [];
    private readonly Lock _gate = new();

    /// <summary>
    /// Takes one token for <paramref name="caller"/>; when none is left, how long until the next one and whether the
    /// caller was already refused since they ran out (so an adapter can answer the first refusal and then stay quiet).
    /// </summary>
    public bool TryTake(Caller caller, out TimeSpan retryAfter, out bool alreadyRefused)
    {
        retryAfter = TimeSpan.Zero;
        alreadyRefused = false;
        if (!settings.Enabled || caller.IsAdmin)
        {
            return true;
        }

        var now = time.GetTimestamp();
        var perSecond = settings.PerMinute / 60.0;
        var key = (caller.Actor.Platform, caller.Actor.UserId);
        lock (_gate)
        {
            if (_buckets.Count > _pruneAt)
            {
                Prune(now, perSecond);
                Prunings++;
                _pruneAt = Math.Max(PruneAbove, _buckets.Count * 2);
            }

            var bucket = _buckets.TryGetValue(key, out var b) ? b : new Bucket(settings.Burst, now, false);
            var tokens = TokenBucket.Refill(bucket.Tokens, time.GetElapsedTime(bucket.At, now), perSecond, settings.Burst);
            if (tokens >= 1)
            {
                _buckets[key] = new Bucket(tokens - 1, now, false);
                return true;
            }

            alreadyRefused = bucket.Refused;
            _buckets[key] = new Bucket(tokens, now, true);
            retryAfter = TimeSpan.FromSeconds((1 - tokens) / perSecond);
            return false;
        }
    }

    /// <summary>How many times the buckets were swept (for tests that the sweeps stay rare in a crowd).</summary>
    internal int Prunings { get; private set; }

    /// <summary>How many users have a bucket now (for tests of the pruning).</summary>
    internal int TrackedUsers
    {
        get
        {
            lock (_gate)
            {
                return _buckets.Count;
            }
        }
    }

    private void Prune(long now, double perSecond)
    {
        foreach (var (key, bucket) in _buckets)
        {
            if (TokenBucket.Refill(bucket.Tokens, time.GetElapsedTime(bucket.At, now), perSecond, settings.Burst) >= settings.Burst)
            {
                _buckets.Remove(key);
            }
        }
    }

    private readonly record struct Bucket(double Tokens, long At, bool Refused);
}
