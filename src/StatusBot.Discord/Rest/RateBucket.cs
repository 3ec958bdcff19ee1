namespace StatusBot.Discord.Rest;

/// <summary>One bucket's state: requests left until it resets. Unknown until Discord has answered once.</summary>
internal sealed class RateBucket
{
    private readonly Lock _lock = new();
    private int? _remaining;
    private int? _limit;
    private DateTimeOffset _resetAt;

    /// <summary>Takes one request, waiting for the reset; returns the wait instead when it is longer than <paramref name="maxWait"/>.</summary>
    public async Task<TimeSpan?> AcquireAsync(TimeProvider time, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = time.GetUtcNow();
                if (now >= _resetAt && _remaining is not null)
                {
                    // A new window: the full limit again when Discord told it, else unknown until the next answer.
                    _remaining = _limit;
                    _resetAt = now + TimeSpan.FromSeconds(1);
                }

                if (_remaining is null or > 0)
                {
                    _remaining--;
                    return null;
                }

                wait = _resetAt - now;
            }

            if (wait > maxWait)
            {
                return wait;
            }

            await Task.Delay(wait, time, cancellationToken);
        }
    }

    public void Update(int? limit, int remaining, DateTimeOffset resetAt)
    {
        lock (_lock)
        {
            _limit = limit ?? _limit;
            // Answers arrive out of order: within one window the smaller count is the truer one.
            var sameWindow = _remaining is not null && (resetAt - _resetAt).Duration() < TimeSpan.FromMilliseconds(500);
            _remaining = sameWindow ? Math.Min(_remaining!.Value, remaining) : remaining;
            _resetAt = resetAt;
        }
    }

    public void Pause(DateTimeOffset until)
    {
        lock (_lock)
        {
            _remaining = 0;
            if (until > _resetAt)
            {
                _resetAt = until;
            }
        }
    }
}
