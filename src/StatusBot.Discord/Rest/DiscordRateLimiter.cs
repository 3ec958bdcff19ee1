using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using StatusBot.Core.Timing;

namespace StatusBot.Discord.Rest;

/// <summary>
/// Discord's rate limits as learned from the <c>X-RateLimit-*</c> headers: buckets named by <c>X-RateLimit-Bucket</c>,
/// split by the route's major parameter, plus a global budget of at most 50 requests in any second and global pauses
/// ordered by a 429. Nothing is hard-coded but the global budget.
/// </summary>
internal sealed class DiscordRateLimiter(TimeProvider time, int globalPerSecond = DiscordRateLimiter.DefaultGlobalPerSecond)
{
    /// <summary>
    /// Discord allows 50 per second, counted on arrival. <see cref="GlobalBudget"/> holds each slot from the send until a
    /// second after the answer, which covers the second after the request's arrival whatever the network delays, so
    /// the full 50 is safe without a margin (a margin cost a 500-channel fan-out more than a second).
    /// </summary>
    public const int DefaultGlobalPerSecond = 50;

    /// <summary>
    /// Added to every reset and pause Discord announces. <c>X-RateLimit-Reset-After</c> and <c>retry_after</c> carry
    /// milliseconds, so a rounded value can end a wait up to a millisecond before Discord's own window ends, and the
    /// next request then draws a 429 that counts toward the invalid-request ban. 50 ms is 1 % of a 5-second channel
    /// bucket (discord.js waits the same extra 50 ms by default).
    /// </summary>
    public static readonly TimeSpan ResetMargin = TimeSpan.FromMilliseconds(50);

    private readonly ConcurrentDictionary<string, string> _bucketOfRoute = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RateBucket> _buckets = new(StringComparer.Ordinal);
    private readonly GlobalBudget _global = new(time, globalPerSecond);

    /// <summary>
    /// Waits until the route's bucket and (unless exempt) the global budget allow one more request, then the caller
    /// sends it and calls <see cref="Release"/> once answered. When the wait would be longer than
    /// <paramref name="maxWait"/> (a long 429 pause), nothing is taken and the wait is returned instead.
    /// </summary>
    public async Task<TimeSpan?> AcquireAsync(DiscordRoute route, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        // The bucket first: a long bucket wait must not hold a slot of the global budget.
        if (await BucketFor(route).AcquireAsync(time, maxWait, cancellationToken) is { } bucketWait)
        {
            return bucketWait;
        }

        return route.CountsTowardGlobal ? await _global.AcquireAsync(maxWait, cancellationToken) : null;
    }

    public void Release(DiscordRoute route)
    {
        if (route.CountsTowardGlobal)
        {
            _global.Release();
        }
    }

    /// <summary>Learns from a response's headers.</summary>
    public void Update(DiscordRoute route, HttpResponseHeaders headers)
    {
        if (Header(headers, "X-RateLimit-Bucket") is { Length: > 0 } hash)
        {
            _bucketOfRoute[route.RouteKey] = hash;
        }

        if (Number(headers, "X-RateLimit-Remaining") is { } remaining && Number(headers, "X-RateLimit-Reset-After") is { } resetAfter)
        {
            BucketFor(route).Update(time, (int?)Number(headers, "X-RateLimit-Limit"), (int)remaining, After(TimeSpan.FromSeconds(resetAfter)));
        }
    }

    public void PauseBucket(DiscordRoute route, TimeSpan wait) => BucketFor(route).Pause(After(wait));

    public void PauseGlobal(TimeSpan wait) => _global.Pause(After(wait));

    /// <summary>The key of a route's bucket state: the learned bucket (or the route until learned) and the major parameter.</summary>
    public string KeyOf(DiscordRoute route) =>
        (_bucketOfRoute.TryGetValue(route.RouteKey, out var hash) ? hash : route.RouteKey) + "|" + route.Major;

    /// <summary>The monotonic timestamp at which a wait Discord announced is over, with the margin.</summary>
    private long After(TimeSpan wait) => time.TimestampAfter(wait + ResetMargin);

    private RateBucket BucketFor(DiscordRoute route) => _buckets.GetOrAdd(KeyOf(route), _ => new RateBucket());

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static double? Number(HttpResponseHeaders headers, string name) =>
        double.TryParse(Header(headers, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
