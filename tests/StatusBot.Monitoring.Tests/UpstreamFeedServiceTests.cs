using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StatusBot.Testing;

namespace StatusBot.Monitoring.Tests;

public sealed class UpstreamFeedServiceTests
{
    [Fact]
    public async Task Service_PollsEachInterval_AFailedPollIsRetriedOnTheNextTick()
    {
        await using var bot = await TestBot.StartAsync();
        var server = new FeedServer(Fixtures.Read("aws-health-rss-open.xml")) { Failure = HttpStatusCode.BadGateway };
        var upstream = new MonitoredUpstream { Id = DemoCatalog.ElbId, FeedUrl = "https://status.example.test/elb.rss", Poll = true, IntervalSeconds = 60 };
        using var service = Service(bot, server, upstream);

        await service.StartAsync(CancellationToken.None);
        await server.NextRequestAsync();
        var afterFailure = bot.State.Announcements.Upstreams.ContainsKey(DemoCatalog.ElbId);
        server.Failure = null;
        bot.Advance(TimeSpan.FromSeconds(60));
        await server.NextRequestAsync();
        await Until.TrueAsync(() => bot.State.Announcements.Upstreams.ContainsKey(DemoCatalog.ElbId), "the report is recorded");
        await service.StopAsync(CancellationToken.None);

        Assert.False(afterFailure);
        Assert.Equal("minor", bot.State.Announcements.Upstreams[DemoCatalog.ElbId].Indicator);
        Assert.Equal(2, server.Count);
    }

    [Fact]
    public async Task Service_UpstreamWithoutPoll_IsNeverRequested()
    {
        await using var bot = await TestBot.StartAsync();
        var server = new FeedServer(Fixtures.Read("aws-health-rss-open.xml"));
        using var service = Service(bot, server, new MonitoredUpstream { Id = DemoCatalog.ElbId, FeedUrl = "https://status.example.test/elb.rss" });

        await service.StartAsync(CancellationToken.None);
        await service.ExecuteTask!;

        Assert.Equal(0, server.Count);
    }

    [Fact]
    public async Task PollOnce_NoAnswerWithinTheTimeout_GivesUpWithoutThrowing()
    {
        await using var bot = await TestBot.StartAsync();
        var upstream = new MonitoredUpstream { Id = DemoCatalog.ElbId, FeedUrl = "https://status.example.test/elb.rss", Poll = true, TimeoutSeconds = 5 };
        using var service = Service(bot, new Hanging(), upstream);

        var poll = service.PollOnceAsync(upstream, CancellationToken.None);
        bot.Advance(TimeSpan.FromSeconds(6));

        Assert.False(await poll.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private static UpstreamFeedService Service(TestBot bot, HttpMessageHandler handler, MonitoredUpstream upstream) => new(
        bot.Board,
        new UpstreamPoller(new HttpClient(handler), bot.Board, bot.Time),
        Options.Create(new MonitoringOptions { Upstreams = [upstream] }),
        bot.Time,
        NullLogger<UpstreamFeedService>.Instance);

    /// <summary>Answers only when the request is cancelled.</summary>
    private sealed class Hanging : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}
