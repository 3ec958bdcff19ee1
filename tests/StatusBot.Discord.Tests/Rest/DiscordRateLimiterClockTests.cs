using Microsoft.Extensions.Time.Testing;
using StatusBot.Discord.Rest;
using StatusBot.Testing;

namespace StatusBot.Discord.Tests.Rest;

/// <summary>
/// The limiter's waits, on a fake clock: a reset Discord announces is waited out with <see cref="DiscordRateLimiter.ResetMargin"/>
/// added (its headers are rounded to the millisecond), and on the monotonic clock, so a step of the wall clock ends no
/// wait early.
/// </summary>
public sealed class DiscordRateLimiterClockTests
{
    private static readonly DiscordRoute Messages = DiscordRoute.Channel(HttpMethod.Post, "/channels/{channel_id}/messages", "1700000000000000051", "/channels/1700000000000000051/messages");

    private readonly SteppingClock _time = new();

    [Fact]
    public async Task AcquireAsync_EmptiedBucket_WaitsTheAnnouncedResetAndTheMargin()
    {
        var limiter = new DiscordRateLimiter(_time);
        limiter.Update(Messages, Headers(remaining: 0, resetAfter: "0.400"));

        var atOnce = await limiter.AcquireAsync(Messages, TimeSpan.Zero, CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(400));
        var atTheAnnouncedReset = await limiter.AcquireAsync(Messages, TimeSpan.Zero, CancellationToken.None);
        _time.Advance(DiscordRateLimiter.ResetMargin);
        var afterTheMargin = await limiter.AcquireAsync(Messages, TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(TimeSpan.FromMilliseconds(400) + DiscordRateLimiter.ResetMargin, atOnce);
        Assert.Equal(DiscordRateLimiter.ResetMargin, atTheAnnouncedReset);
        Assert.Null(afterTheMargin);
    }

    [Theory]
    [InlineData(0.2003)]
    [InlineData(0.4505)]
    [InlineData(1.0009)]
    public async Task AcquireAsync_ResetLessThanAMillisecondAfterAClockStep_WaitsAWholeMillisecondInsteadOfSpinning(double seconds)
    {
        // The reset is rarely a whole number of milliseconds away (the announced seconds times the clock's frequency, plus
        // the margin), while timers count whole milliseconds. The clock moves in 50 ms steps, as a test's clock does; at the
        // step just before the reset the bucket has less than a millisecond left, and that last wait must not round down to
        // nothing.
        var time = new FakeTimeProvider(TestBot.Start);
        var limiter = new DiscordRateLimiter(time);
        var steps = (int)Math.Ceiling((seconds + 0.1) / 0.05);

        // On a pool thread, as the bot's sends run: a wait that spun would hold the thread moving the clock for ever.
        var acquired = Task.Run(async () =>
        {
            limiter.PauseBucket(Messages, TimeSpan.FromSeconds(seconds));
            var acquiring = limiter.AcquireAsync(Messages, TimeSpan.FromMinutes(1), CancellationToken.None);
            for (var i = 0; i < steps; i++)
            {
                time.Advance(TimeSpan.FromMilliseconds(50));
            }

            return await acquiring;
        });

        Assert.Null(await acquired.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task AcquireAsync_WallClockStepsAnHourAhead_StillWaitsTheBucketOut()
    {
        var limiter = new DiscordRateLimiter(_time);
        limiter.Update(Messages, Headers(remaining: 0, resetAfter: "2"));

        _time.StepWallClock(TimeSpan.FromHours(1));
        var wait = await limiter.AcquireAsync(Messages, TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(2) + DiscordRateLimiter.ResetMargin, wait);
    }

    [Fact]
    public async Task AcquireAsync_WallClockStepsDuringAGlobalPause_StillWaitsThePauseOut()
    {
        var limiter = new DiscordRateLimiter(_time);
        limiter.PauseGlobal(TimeSpan.FromSeconds(3));

        _time.StepWallClock(TimeSpan.FromHours(1));
        _time.Advance(TimeSpan.FromSeconds(1));
        var paused = await limiter.AcquireAsync(Messages, TimeSpan.Zero, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(2) + DiscordRateLimiter.ResetMargin);
        var resumed = await limiter.AcquireAsync(Messages, TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(2) + DiscordRateLimiter.ResetMargin, paused);
        Assert.Null(resumed);
    }

    [Fact]
    public async Task AcquireAsync_WallClockStepsBack_FreesGlobalSlotsAfterOneRealSecond()
    {
        var limiter = new DiscordRateLimiter(_time, globalPerSecond: 2);
        var unknownRoute = DiscordRoute.Channel(HttpMethod.Get, "/channels/{channel_id}", "1700000000000000052", "/channels/1700000000000000052");
        for (var i = 0; i < 2; i++)
        {
            Assert.Null(await limiter.AcquireAsync(unknownRoute, TimeSpan.Zero, CancellationToken.None));
            limiter.Release(unknownRoute);
        }

        _time.StepWallClock(-TimeSpan.FromHours(1));
        var full = await limiter.AcquireAsync(unknownRoute, TimeSpan.Zero, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1));
        var freed = await limiter.AcquireAsync(unknownRoute, TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(1), full);
        Assert.Null(freed);
    }

    [Fact]
    public void IsTripped_WallClockStepsBackAnHour_DrainsTenRealMinutesLater()
    {
        var guard = new InvalidRequestGuard(_time, limit: 2);
        guard.Record();
        guard.Record();

        _time.StepWallClock(-TimeSpan.FromHours(1));
        var tripped = guard.IsTripped;
        var resumesIn = guard.ResumesIn();
        _time.Advance(TimeSpan.FromMinutes(10));

        Assert.True(tripped);
        Assert.Equal(TimeSpan.FromMinutes(10), resumesIn);
        Assert.False(guard.IsTripped);
    }

    private static System.Net.Http.Headers.HttpResponseHeaders Headers(int remaining, string resetAfter)
    {
        var response = new HttpResponseMessage();
        response.Headers.Add("X-RateLimit-Bucket", "80c17d2f203122d936070c88c8d10f33");
        response.Headers.Add("X-RateLimit-Limit", "5");
        response.Headers.Add("X-RateLimit-Remaining", remaining.ToString(System.Globalization.CultureInfo.InvariantCulture));
        response.Headers.Add("X-RateLimit-Reset-After", resetAfter);
        return response.Headers;
    }
}
