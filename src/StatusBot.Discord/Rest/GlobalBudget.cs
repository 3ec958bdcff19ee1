namespace StatusBot.Discord.Rest;

/// <summary>
/// At most N requests in any rolling second as Discord counts them (on arrival), and a full stop while a global 429
/// says so. Arrival is unknown, so a request holds its slot while in flight and for one second after its answer: any
/// second of arrivals then contains at most N requests, however the network delays them.
/// </summary>
internal sealed class GlobalBudget(TimeProvider time, int perSecond)
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);

    private readonly Queue<DateTimeOffset> _answered = new();
    private readonly Lock _lock = new();
    private int _inFlight;
    private DateTimeOffset _pausedUntil;

    /// <summary>Takes a slot, waiting as needed; returns the wait instead when a global pause lasts longer than <paramref name="maxWait"/>.</summary>
    public async Task<TimeSpan?> AcquireAsync(TimeSpan maxWait, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = time.GetUtcNow();
                while (_answered.Count > 0 && now - _answered.Peek() >= Second)
                {
                    _answered.Dequeue();
                }

                if (now < _pausedUntil)
                {
                    wait = _pausedUntil - now;
                }
                else if (_inFlight + _answered.Count < perSecond)
                {
                    _inFlight++;
                    return null;
                }
                else
                {
                    // Every slot busy: the oldest answered one frees first; with all in flight, look again shortly.
                    wait = _answered.Count > 0 ? _answered.Peek() + Second - now : Poll;
                }
            }

            if (wait > maxWait)
            {
                return wait;
            }

            await Task.Delay(wait, time, cancellationToken);
        }
    }

    /// <summary>The request acquired before has been answered (or failed).</summary>
    public void Release()
    {
        lock (_lock)
        {
            _inFlight--;
            _answered.Enqueue(time.GetUtcNow());
        }
    }

    public void Pause(DateTimeOffset until)
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
