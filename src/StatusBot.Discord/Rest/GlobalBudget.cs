using StatusBot.Core.Timing;

namespace StatusBot.Discord.Rest;

/// <summary>
/// At most N requests in any rolling second as Discord counts them (on arrival), and a full stop while a global 429
/// says so. Arrival is unknown, so a request holds its slot while in flight and for one second after its answer: any
/// second of arrivals then contains at most N requests, however the network delays them. Moments are timestamps of the
/// monotonic clock, so a step of the wall clock neither frees slots early nor ends a pause early.
/// </summary>
internal sealed class GlobalBudget(TimeProvider time, int perSecond)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);

    private readonly Queue<long> _answered = new();
    private readonly Lock _lock = new();
    private readonly long _second = time.TimestampFrequency;
    private int _inFlight;
    private long _pausedUntil;

    /// <summary>Takes a slot, waiting as needed; returns the wait instead when a global pause lasts longer than <paramref name="maxWait"/>.</summary>
    public async Task<TimeSpan?> AcquireAsync(TimeSpan maxWait, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = time.GetTimestamp();
                while (_answered.Count > 0 && now - _answered.Peek() >= _second)
                {
                    _answered.Dequeue();
                }

                if (now < _pausedUntil)
                {
                    wait = time.GetElapsedTime(now, _pausedUntil);
                }
                else if (_inFlight + _answered.Count < perSecond)
                {
                    _inFlight++;
                    return null;
                }
                else
                {
                    // Every slot busy: the oldest answered one frees first; with all in flight, look again shortly.
                    wait = _answered.Count > 0 ? time.GetElapsedTime(now, _answered.Peek() + _second) : Poll;
                }
            }

            if (wait > maxWait)
            {
                return wait;
            }

            await time.DelayAsync(wait, cancellationToken);
        }
    }

    /// <summary>The request acquired before has been answered (or failed).</summary>
    public void Release()
    {
        lock (_lock)
        {
            _inFlight--;
            _answered.Enqueue(time.GetTimestamp());
        }
    }

    /// <summary>Stops every request until <paramref name="until"/>, a timestamp of the monotonic clock.</summary>
    public void Pause(long until)
    {
        lock (_lock)
        {
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }
        }
    }
}
