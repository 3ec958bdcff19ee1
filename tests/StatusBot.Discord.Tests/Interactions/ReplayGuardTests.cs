using Microsoft.Extensions.Time.Testing;
using StatusBot.Discord.Interactions;

namespace StatusBot.Discord.Tests.Interactions;

public sealed class ReplayGuardTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 13, 0, 0, TimeSpan.Zero));

    [Fact]
    public void TryAccept_SameIdWithinTheMemory_RefusedUntilItExpires()
    {
        var guard = new ReplayGuard(_time, TimeSpan.FromMinutes(11));

        var first = guard.TryAccept("1300000000000000001");
        _time.Advance(TimeSpan.FromMinutes(10));
        var replay = guard.TryAccept("1300000000000000001");
        _time.Advance(TimeSpan.FromMinutes(1));
        var later = guard.TryAccept("1300000000000000001");

        Assert.True(first);
        Assert.False(replay);
        Assert.True(later);
    }

    [Fact]
    public void TryAccept_ACrowdOfIds_ForgetsThoseOlderThanTheMemory()
    {
        var guard = new ReplayGuard(_time, TimeSpan.FromMinutes(11));
        for (var i = 0; i < 10_000; i++)
        {
            Assert.True(guard.TryAccept($"old-{i}"));
        }

        _time.Advance(TimeSpan.FromMinutes(6));
        for (var i = 0; i < 100; i++)
        {
            Assert.True(guard.TryAccept($"recent-{i}"));
        }

        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.True(guard.TryAccept("new"));

        // The 10,000 old ids are forgotten; the recent ones are still refused as replays.
        Assert.Equal(101, guard.Count);
        Assert.False(guard.TryAccept("recent-7"));
    }
}
