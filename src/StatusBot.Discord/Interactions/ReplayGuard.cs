using System.Collections.Concurrent;

namespace StatusBot.Discord.Interactions;

/// <summary>
/// Remembers the interaction ids already accepted, for longer than a signed timestamp stays fresh, so a captured request
/// replayed within the window is refused instead of run twice. Every id is kept for the same time, so ids expire in the
/// order they were accepted: the oldest are forgotten from the front of a queue, with no scan of the whole memory (which
/// holds every interaction of the last minutes during a crowd).
/// </summary>
public sealed class ReplayGuard(TimeProvider time, TimeSpan memory)
{
    private readonly ConcurrentDictionary<string, long> _seen = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Id, long Expires)> _byAge = new();
    private readonly Lock _forgetting = new();

    /// <summary>True the first time an id is seen; false for a replay.</summary>
    public bool TryAccept(string interactionId)
    {
        var now = time.GetUtcNow().UtcTicks;
        ForgetExpired(now);

        var expires = now + memory.Ticks;
        while (true)
        {
            if (_seen.TryAdd(interactionId, expires))
            {
                _byAge.Enqueue((interactionId, expires));
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
                _byAge.Enqueue((interactionId, expires));
                return true;
            }
        }
    }

    public int Count => _seen.Count;

    private void ForgetExpired(long now)
    {
        // One thread forgets at a time (the others go on), so the entry it looked at is the one it takes off the queue. An
        // entry renewed after it expired is queued again: the older copy only removes the id with its own expiry.
        if (!_forgetting.TryEnter())
        {
            return;
        }

        try
        {
            while (_byAge.TryPeek(out var oldest) && oldest.Expires <= now)
            {
                _byAge.TryDequeue(out _);
                _seen.TryRemove(new KeyValuePair<string, long>(oldest.Id, oldest.Expires));
            }
        }
        finally
        {
            _forgetting.Exit();
        }
    }
}
