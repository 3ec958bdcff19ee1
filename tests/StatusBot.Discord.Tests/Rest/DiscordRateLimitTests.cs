using Microsoft.Extensions.Time.Testing;
using StatusBot.Core.Announcing;
using StatusBot.Core.Replies;
using StatusBot.Discord.Rest;
using StatusBot.Discord.Tests.Support;
using StatusBot.Testing.Discord;

namespace StatusBot.Discord.Tests.Rest;

public sealed class DiscordRateLimitTests : IAsyncLifetime
{
    private RestHarness _rest = null!;

    public async Task InitializeAsync() => _rest = await RestHarness.StartAsync();

    public async Task DisposeAsync() => await _rest.DisposeAsync();

    [Fact]
    public async Task PostAsync_429StormOnOneChannel_DeliversEachPostExactlyOnce()
    {
        _rest.Emulator.ChannelLimit = 5;
        _rest.Emulator.ChannelWindow = TimeSpan.FromMilliseconds(250);
        _rest.Emulator.Script("/channels/", Scripted.RateLimited(0.2), Scripted.RateLimited(0.1, scope: "shared"), Scripted.RateLimited(0.3, global: true));
        var channel = new ChannelRef("discord", "1700000000000000009");

        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            _rest.Publisher.PostAsync(channel, new Reply { Title = "post " + i }, new PostOptions("post-" + i), CancellationToken.None)));

        Assert.All(results, r => Assert.Equal(PublishOutcome.Delivered, r.Outcome));
        Assert.Equal(30, _rest.Emulator.Messages.Count);
        Assert.Equal(30, _rest.Emulator.Messages.Values.Select(m => m.EmbedTitle).Distinct().Count());
        Assert.True(_rest.Emulator.MaxPerSecond() <= 50);
    }

    [Fact]
    public async Task PostAsync_ManyChannelsAtOnce_StaysUnderTheGlobalLimit()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 120).Select(i =>
            _rest.Publisher.PostAsync(new ChannelRef("discord", (1700000000000001000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)), new Reply { Title = "post " + i }, new PostOptions(), CancellationToken.None)));

        Assert.All(results, r => Assert.Equal(PublishOutcome.Delivered, r.Outcome));
        Assert.Equal(120, _rest.Emulator.Messages.Count);
        Assert.InRange(_rest.Emulator.MaxPerSecond(), 1, 50);
        Assert.Equal(0, _rest.Emulator.LimitViolations);
    }

    [Fact]
    public async Task PostAsync_GlobalRateLimit_PausesEveryRouteForRetryAfter()
    {
        _rest.Emulator.Script("/channels/1700000000000000021/", Scripted.RateLimited(0.5, global: true));
        var first = _rest.Publisher.PostAsync(new ChannelRef("discord", "1700000000000000021"), new Reply { Title = "a" }, new PostOptions(), CancellationToken.None);

        // The client has read the global 429 (it says so once the pause is in place) before the other route is tried.
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            while (!_rest.Logs.Any(m => m.StartsWith("Discord rate limit on", StringComparison.Ordinal)))
            {
                await Task.Delay(10, timeout.Token);
            }
        }

        var other = await _rest.Publisher.PostAsync(new ChannelRef("discord", "1700000000000000022"), new Reply { Title = "b" }, new PostOptions(), CancellationToken.None);

        Assert.Equal(PublishOutcome.Delivered, (await first).Outcome);
        Assert.Equal(PublishOutcome.Delivered, other.Outcome);
        var requests = _rest.Emulator.Requests;
        var limited = requests[0].At;
        Assert.All(requests.Skip(1), r => Assert.True(r.At - limited >= TimeSpan.FromMilliseconds(450), $"{r.Path} sent {(r.At - limited).TotalMilliseconds} ms after the global 429"));
    }

    [Fact]
    public async Task PostAsync_DuringALongGlobalPause_ReturnsRetryLaterWithoutSending()
    {
        _rest.Emulator.Script("/channels/1700000000000000041/", Scripted.RateLimited(40, global: true));
        var first = await _rest.Publisher.PostAsync(new ChannelRef("discord", "1700000000000000041"), new Reply { Title = "a" }, new PostOptions(), CancellationToken.None);

        var second = await _rest.Publisher.PostAsync(new ChannelRef("discord", "1700000000000000042"), new Reply { Title = "b" }, new PostOptions(), CancellationToken.None);

        Assert.Equal(PublishOutcome.RetryLater, first.Outcome);
        Assert.Equal(PublishOutcome.RetryLater, second.Outcome);
        Assert.InRange(second.RetryAfter!.Value, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(40) + DiscordRateLimiter.ResetMargin);
        Assert.Single(_rest.Emulator.Requests);
    }

    [Fact]
    public async Task PostAsync_BucketExhausted_WaitsForTheResetInsteadOfHitting429()
    {
        _rest.Emulator.ChannelLimit = 2;
        _rest.Emulator.ChannelWindow = TimeSpan.FromMilliseconds(400);
        var channel = new ChannelRef("discord", "1700000000000000031");
        await _rest.Publisher.PostAsync(channel, new Reply { Title = "learn the bucket" }, new PostOptions(), CancellationToken.None);

        for (var i = 0; i < 6; i++)
        {
            await _rest.Publisher.PostAsync(channel, new Reply { Title = "post " + i }, new PostOptions(), CancellationToken.None);
        }

        Assert.Equal(7, _rest.Emulator.Messages.Count);
        Assert.Equal(0, _rest.Emulator.LimitViolations);
    }

    [Fact]
    public void IsTripped_PastTheInvalidBudget_HoldsBackUntilTheWindowDrains()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var guard = new InvalidRequestGuard(time, limit: 3);
        guard.Record();
        guard.Record();
        time.Advance(TimeSpan.FromMinutes(5));
        guard.Record();

        var tripped = guard.IsTripped;
        var resumesIn = guard.ResumesIn();
        time.Advance(TimeSpan.FromMinutes(5));

        Assert.True(tripped);
        Assert.Equal(TimeSpan.FromMinutes(5), resumesIn);
        Assert.False(guard.IsTripped);
        Assert.Equal(3, guard.Total);
    }
}
