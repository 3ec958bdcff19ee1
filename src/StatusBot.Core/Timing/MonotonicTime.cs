namespace StatusBot.Core.Timing;

/// <summary>
/// Moments on the monotonic clock (<see cref="TimeProvider.GetTimestamp"/>) for waits a platform announces: rate-limit
/// resets, 429 pauses, posting turns. The wall clock can step (NTP, a resumed VM); a wait measured on it then ends early,
/// drawing a 429, or late by as long as the clock stepped back, holding every post.
/// </summary>
public static class MonotonicTime
{
    /// <summary>The timestamp <paramref name="wait"/> from now.</summary>
    public static long TimestampAfter(this TimeProvider time, TimeSpan wait) =>
        time.GetTimestamp() + (long)(wait.TotalSeconds * time.TimestampFrequency);

    /// <summary>How long until the timestamp <paramref name="at"/>; zero once it has passed.</summary>
    public static TimeSpan Until(this TimeProvider time, long at)
    {
        var now = time.GetTimestamp();
        return at > now ? time.GetElapsedTime(now, at) : TimeSpan.Zero;
    }
}
