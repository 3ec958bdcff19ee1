using System.Collections.Concurrent;

namespace StatusBot.Core.Board;

/// <summary><see cref="IReplayLedger"/> in this process's memory; expired keys are swept as claims come in.</summary>
public sealed class LocalReplayLedger(TimeProvider time) : IReplayLedger
{
    private const int SweepEvery = 4096;

    private readonly ConcurrentDictionary<string, long> _claims = new(StringComparer.Ordinal);
    private int _sinceSweep;

    public int Count => _claims.Count;

    public ValueTask<bool> TryClaimAsync(string key, DateTimeOffset until, CancellationToken cancellationToken) => ValueTask.FromResult(TryClaim(key, until));

    /// <summary>The claim without a task: true the first time, false for a repeat before <paramref name="until"/>.</summary>
    public bool TryClaim(string key, DateTimeOffset until)
    {
        var now = time.GetUtcNow().UtcTicks;
        if (Interlocked.Increment(ref _sinceSweep) >= SweepEvery)
        {
            Interlocked.Exchange(ref _sinceSweep, 0);
            Sweep(now);
        }

        var expires = until.UtcTicks;
        while (true)
        {
            if (_claims.TryAdd(key, expires))
            {
                return true;
            }

            if (!_claims.TryGetValue(key, out var known))
            {
                continue;
            }

            if (known > now)
            {
                return false;
            }

            // The earlier claim has expired (its signature could no longer pass): this one takes its place.
            if (_claims.TryUpdate(key, expires, known))
            {
                return true;
            }
        }
    }

    private void Sweep(long now)
    {
        foreach (var (key, expires) in _claims)
        {
            if (expires <= now)
            {
                _claims.TryRemove(new KeyValuePair<string, long>(key, expires));
            }
        }
    }
}
