namespace StatusBot.Discord.Rest;

/// <summary>
/// Counts 401, 403 and non-shared 429 answers over Discord's 10-minute window. Past half of the 10,000 that get an IP
/// banned, the client stops sending until the window has drained: failing some posts beats being banned. Moments are
/// monotonic timestamps, so a wall-clock step neither drains the window early nor holds it for as long as it stepped.
/// </summary>
internal sealed class InvalidRequestGuard(TimeProvider time, int limit = 5000)
{
    private readonly long _window = (long)(TimeSpan.FromMinutes(10).TotalSeconds * time.TimestampFrequency);
    private readonly Queue<long> _recent = new();
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
                Drain(time.GetTimestamp());
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
            var now = time.GetTimestamp();
            Drain(now);
            _recent.Enqueue(now);
        }
    }

    /// <summary>When sending may resume once tripped.</summary>
    public TimeSpan ResumesIn()
    {
        lock (_lock)
        {
            var now = time.GetTimestamp();
            Drain(now);
            return _recent.Count < limit ? TimeSpan.Zero : time.GetElapsedTime(now, _recent.ElementAt(_recent.Count - limit) + _window);
        }
    }

    private void Drain(long now)
    {
        while (_recent.Count > 0 && now - _recent.Peek() >= _window)
        {
            _recent.Dequeue();
        }
    }
}
