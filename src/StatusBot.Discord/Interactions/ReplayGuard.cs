using System.Collections.Concurrent;

namespace StatusBot.Discord.Interactions;

/// <summary>
/// Remembers the interaction ids already accepted, for longer than a signed timestamp stays fresh, so a captured request
/// replayed within the window is refused instead of run twice.
/// </summary>
public sealed class ReplayGuard(TimeProvider time, TimeSpan memory)
{
    private const int SweepEvery = 4096;

    private readonly ConcurrentDictionary<string, long> _seen = new(StringComparer.Ordinal);
    private int _sinceSweep;

    /// <summary>True the first time an id is seen; false for a replay.</summary>
    public bool TryAccept(string interactionId)
    {
        var now = time.GetUtcNow().UtcTicks;
        if (Interlocked.Increment(ref _sinceSweep) >= SweepEvery)
        {
            Interlocked.Exchange(ref _sinceSweep, 0);
            Sweep(now);
        }

        var expires = now + memory.Ticks;
        while (true)
        {
            if (_seen.TryAdd(interactionId, expires))
            {
                return true;
            }

            if (!_seen.TryGetValue(interactionId, out var known))
            {
                continue;
            }

            if (known > now)
            {
                return false;
            }

            // The remembered entry is older than any timestamp we would still accept: take its place.
            if (_seen.TryUpdate(interactionId, expires, known))
            {
                return true;
            }
        }
    }

    public int Count => _seen.Count;

    private void Sweep(long now)
    {
        foreach (var (id, expires) in _seen)
        {
            if (expires <= now)
            {
                _seen.TryRemove(new KeyValuePair<string, long>(id, expires));
            }
        }
    }
}
