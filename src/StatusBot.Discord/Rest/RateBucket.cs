using StatusBot.Core.Timing;

namespace StatusBot.Discord.Rest;

/// <summary>
/// One bucket's state: requests left until it resets. Unknown until Discord has answered once. Moments are timestamps
/// of the monotonic clock (<see cref="TimeProvider.GetTimestamp"/>), so a step of the wall clock cannot end a wait early.
/// </summary>
internal sealed class RateBucket
{
    private readonly Lock _lock = new();
    private int? _remaining;
    private int? _limit;
    private long _resetAt;

    /// <summary>Takes one request, waiting for the reset; returns the wait instead when it is longer than <paramref name="maxWait"/>.</summary>
    public async Task<TimeSpan?> AcquireAsync(TimeProvider time, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = time.GetTimestamp();
                if (now >= _resetAt && _remaining is not null)
                {
                    // A new window: the full limit again when Discord told it, else unknown until the next answer.
                    _remaining = _limit;
                    _resetAt = now + time.TimestampFrequency;
                }

                if (_remaining is null or > 0)
                {
                    _remaining--;
                    return null;
                }

                wait = time.GetElapsedTime(now, _resetAt);
            }

            if (wait > maxWait)
            {
                return wait;
            }

            await time.DelayAsync(wait, cancellationToken);
        }
    }

    /// <summary>Learns the bucket from an answer; <paramref name="resetAt"/> is a timestamp of <paramref name="time"/>.</summary>
    public void Update(TimeProvider time, int? limit, int remaining, long resetAt)
    {
        lock (_lock)
        {
            _limit = limit ?? _limit;
            // Answers arrive out of order: within one window the smaller count is the truer one.
            var sameWindow = _remaining is not null && time.GetElapsedTime(_resetAt, resetAt).Duration() < TimeSpan.FromMilliseconds(500);
            _remaining = sameWindow ? Math.Min(_remaining!.Value, remaining) : remaining;
            _resetAt = resetAt;
        }
    }

    /// <summary>Empties the bucket until <paramref name="until"/>, a timestamp of the monotonic clock.</summary>
    public void Pause(long until)
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
