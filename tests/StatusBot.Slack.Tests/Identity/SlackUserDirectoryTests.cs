using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using StatusBot.Slack.Configuration;
using StatusBot.Slack.Identity;
using StatusBot.Slack.WebApi;
using StatusBot.Testing;

namespace StatusBot.Slack.Tests.Identity;

public sealed class SlackUserDirectoryTests
{
    private static SlackUserDirectory Directory(Mock<ISlackWebApi> api) =>
        new(api.Object, Options.Create(new SlackOptions { BotToken = "xoxb-test" }), new FakeTimeProvider());

    [Fact]
    public void Warm_ACrowdOfNewAskers_NoMoreLookupsInFlightThanTheCap()
    {
        var api = new Mock<ISlackWebApi>();
        var never = new TaskCompletionSource<SlackApiResult>();
        api.Setup(a => a.UsersInfoAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(never.Task);
        var directory = Directory(api);

        for (var i = 0; i < 500; i++)
        {
            directory.Warm("U" + i);
        }

        api.Verify(a => a.UsersInfoAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Exactly(SlackUserDirectory.MaxWarmingLookups));
    }

    [Fact]
    public async Task Warm_OnceALookupEnds_TheNextAskerIsLookedUpAndCached()
    {
        var api = new Mock<ISlackWebApi>();
        api.Setup(a => a.UsersInfoAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, CancellationToken _) => new SlackApiResult(SlackCallOutcome.Ok) { User = new SlackUser(id, "name-" + id, false, "fr-FR") });
        var directory = Directory(api);

        for (var i = 0; i < SlackUserDirectory.MaxWarmingLookups; i++)
        {
            directory.Warm("U" + i);
        }

        Assert.Equal("name-U15", directory.Cached("U15")?.Name);
        Assert.Equal("fr-FR", (await directory.GetAsync("U0", CancellationToken.None))?.Locale);
        api.Verify(a => a.UsersInfoAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Exactly(SlackUserDirectory.MaxWarmingLookups));
    }

    [Fact]
    public void Warm_LookupsThatEndAtOnce_StillNoMoreThanTheBurstThenThePerMinuteBudget()
    {
        var api = new Mock<ISlackWebApi>();
        api.Setup(a => a.UsersInfoAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, CancellationToken _) => new SlackApiResult(SlackCallOutcome.Ok) { User = new SlackUser(id, "name-" + id, false, null) });
        var time = new FakeTimeProvider();
        var directory = new SlackUserDirectory(api.Object, Options.Create(new SlackOptions { BotToken = "xoxb-test" }), time);

        for (var i = 0; i < 1000; i++)
        {
            directory.Warm("U" + i);
        }

        api.Verify(a => a.UsersInfoAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Exactly(SlackUserDirectory.MaxWarmingLookups));

        time.Advance(TimeSpan.FromSeconds(30));
        for (var i = 1000; i < 2000; i++)
        {
            directory.Warm("U" + i);
        }

        // Half a minute refills half the minute's budget (capped at the burst).
        api.Verify(a => a.UsersInfoAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Exactly(SlackUserDirectory.MaxWarmingLookups + Math.Min(SlackUserDirectory.MaxWarmingLookups, SlackUserDirectory.WarmingLookupsPerMinute / 2)));
        Assert.NotNull(directory.Cached("U1000"));
    }

    [Fact]
    public void Warm_WallClockStepsBackAnHour_TheBudgetStillRefillsInRealTime()
    {
        var api = new Mock<ISlackWebApi>();
        api.Setup(a => a.UsersInfoAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, CancellationToken _) => new SlackApiResult(SlackCallOutcome.Ok) { User = new SlackUser(id, "name-" + id, false, null) });
        var time = new SteppingClock();
        var directory = new SlackUserDirectory(api.Object, Options.Create(new SlackOptions { BotToken = "xoxb-test" }), time);
        for (var i = 0; i < 100; i++)
        {
            directory.Warm("U" + i);
        }

        time.StepWallClock(-TimeSpan.FromHours(1));
        time.Advance(TimeSpan.FromSeconds(5));
        for (var i = 100; i < 200; i++)
        {
            directory.Warm("U" + i);
        }

        // Five real seconds refill five lookups at one a second, whatever the wall clock did.
        api.Verify(a => a.UsersInfoAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Exactly(SlackUserDirectory.MaxWarmingLookups + (SlackUserDirectory.WarmingLookupsPerMinute / 12)));
    }

    [Fact]
    public void Warm_KnownUser_CostsNoBudget()
    {
        var api = new Mock<ISlackWebApi>();
        api.Setup(a => a.UsersInfoAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, CancellationToken _) => new SlackApiResult(SlackCallOutcome.Ok) { User = new SlackUser(id, "name-" + id, false, null) });
        var directory = Directory(api);

        for (var i = 0; i < 500; i++)
        {
            directory.Warm("U-SAME");
        }

        directory.Warm("U-OTHER");

        api.Verify(a => a.UsersInfoAsync("U-SAME", It.IsAny<CancellationToken>()), Times.Once());
        api.Verify(a => a.UsersInfoAsync("U-OTHER", It.IsAny<CancellationToken>()), Times.Once());
    }
}
