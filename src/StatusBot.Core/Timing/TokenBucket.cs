namespace StatusBot.Core.Timing;

/// <summary>The arithmetic the token-bucket limits share: tokens grow at a steady rate, up to the burst.</summary>
public static class TokenBucket
{
    /// <summary>
    /// The tokens after <paramref name="elapsed"/>, from <paramref name="tokens"/>, at <paramref name="perSecond"/>, capped
    /// at <paramref name="burst"/>. A negative elapsed time (a clock read out of order) takes nothing away.
    /// </summary>
    public static double Refill(double tokens, TimeSpan elapsed, double perSecond, double burst) =>
        Math.Min(burst, tokens + (Math.Max(0, elapsed.TotalSeconds) * perSecond));
}
