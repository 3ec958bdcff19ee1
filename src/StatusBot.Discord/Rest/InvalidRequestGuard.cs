namespace StatusBot.Discord.Rest;

/// <summary>
/// Counts 401, 403 and non-shared 429 answers over Discord's 10-minute window. Past half of the 10,000 that get an IP
/// banned, the client stops sending until the window has drained: failing some posts beats being banned.
/// </summary>
internal sealed class InvalidRequestGuard(TimeProvider time, int limit = 5000)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private readonly Queue<DateTimeOffset> _recent = new();
    private readonly Lock _lock = new();
    private long _total;

    /// <summary>Invalid requests since start, for logs and metrics.</summary>
    public long Total => Interlocked.Read(ref _total);

    public int InWindow
    {
        get
        {
            lock (_lock)
            {
                Drain(time.GetUtcNow());
                return _recent.Count;
            }
        }
    }

    public bool IsTripped => InWindow >= limit;

    public void Record()
    {
        Interlocked.Increment(ref _total);
        lock (_lock)
        {
            var now = time.GetUtcNow();
            Drain(now);
            _recent.Enqueue(now);
        }
    }

    /// <summary>When sending may resume once tripped.</summary>
    public TimeSpan ResumesIn()
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            Drain(now);
            return _recent.Count < limit ? TimeSpan.Zero : _recent.ElementAt(_recent.Count - limit) + Window - now;
        }
    }

    private void Drain(DateTimeOffset now)
    {
        while (_recent.Count > 0 && now - _recent.Peek() >= Window)
        {
            _recent.Dequeue();
        }
    }
}
