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

    /// <summary>
    /// Waits <paramref name="wait"/> rounded up to whole milliseconds, at least one. Timers count whole milliseconds
    /// (<see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/> drops the rest), so a wait for a moment less than
    /// a millisecond away would end at once, and a loop that waits for that moment would spin until it came (for ever on
    /// a test clock, which moves only when told).
    /// </summary>
    public static Task DelayAsync(this TimeProvider time, TimeSpan wait, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling(wait.TotalMilliseconds))), time, cancellationToken);
}
