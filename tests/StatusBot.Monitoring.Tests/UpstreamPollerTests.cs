using System.Net;
using StatusBot.Core.Domain;
using StatusBot.Testing;

namespace StatusBot.Monitoring.Tests;

public sealed class UpstreamPollerTests
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    [Fact]
    public async Task Poll_Summary_RecordsAChange_ThenSendsTheValidators_And304RecordsNothing()
    {
        await using var bot = await TestBot.StartAsync();
        var server = new FeedServer(Fixtures.Read("statuspage-summary-major-outage.json"), "application/json");
        var poller = new UpstreamPoller(new HttpClient(server), bot.Board, bot.Time);
        var upstream = DemoCatalog.Upstreams[0] with { FeedUrl = "http://127.0.0.1:1/api/v2/summary.json", Components = ["Git Operations"] };

        var first = await poller.PollAsync(upstream, UpstreamKind.Auto, Day, CancellationToken.None);
        var second = await poller.PollAsync(upstream, UpstreamKind.Auto, Day, CancellationToken.None);

        Assert.True(first);
        Assert.False(second);
        _ = await server.NextRequestAsync();
        var conditional = await server.NextRequestAsync();
        Assert.Equal("\"v1\"", conditional.Headers.IfNoneMatch.Single().Tag);
        Assert.Equal(FeedServer.Modified, conditional.Headers.IfModifiedSince);
        var report = bot.State.Announcements.Upstreams[upstream.Id];
        // Git Operations is down, but the page's one incident names another component: the status counts, not the incident.
        Assert.Equal("critical", report.Indicator);
        Assert.Null(report.IncidentName);
    }

    [Fact]
    public async Task Poll_AwsRss_FailingServiceGetsTheFeedIncidentAsSuspectedCause_AndItsResolutionOnTheTimeline()
    {
        await using var bot = await TestBot.StartAsync();
        var server = new FeedServer(Fixtures.Read("aws-health-rss-open.xml"));
        var poller = new UpstreamPoller(new HttpClient(server), bot.Board, bot.Time);
        var upstream = DemoCatalog.Upstreams[0];

        var (_, resolved) = await ReportThenResolveAsync(bot, server, poller, upstream, UpstreamKind.Rss, TimeSpan.FromHours(14), "aws-health-rss-resolved.xml");

        var incident = Assert.Single(bot.State.OpenIncidents);
        Assert.True(resolved);
        Assert.Equal(
            new Cause("AWS Elastic Load Balancing (us-east-1) reports Increased Error Rates: Elevated error rates for load balancers", CauseConfidence.Suspected, upstream.Id),
            incident.Cause);
        Assert.Equal(UpdateKind.Upstream, incident.Timeline[^1].Kind);
        Assert.Equal("AWS Elastic Load Balancing (us-east-1) reports: Increased Error Rates: Elevated error rates for load balancers (resolved)", incident.Timeline[^1].Message);
        Assert.False(bot.State.Announcements.Upstreams[upstream.Id].HasTrouble);
    }

    [Fact]
    public async Task Poll_CurrentAwsTitles_ServiceImpactIsTheCause_AndResolvedPrefixResolvesIt()
    {
        await using var bot = await TestBot.StartAsync();
        var server = new FeedServer(Fixtures.Read("aws-health-rss-current-open.xml"));
        var poller = new UpstreamPoller(new HttpClient(server), bot.Board, bot.Time);
        var upstream = DemoCatalog.Upstreams[0];

        var (troubleWhileOpen, resolved) = await ReportThenResolveAsync(bot, server, poller, upstream, UpstreamKind.Rss, TimeSpan.FromHours(19), "aws-health-rss-current-resolved.xml");

        var incident = Assert.Single(bot.State.OpenIncidents);
        Assert.True(troubleWhileOpen);
        Assert.True(resolved);
        Assert.Equal("AWS Elastic Load Balancing (us-east-1) reports Increased Error Rates", incident.Cause?.Text);
        Assert.Equal(UpdateKind.Upstream, incident.Timeline[^1].Kind);
        Assert.Equal("AWS Elastic Load Balancing (us-east-1) reports: Increased Error Rates (resolved)", incident.Timeline[^1].Message);
        Assert.False(bot.State.Announcements.Upstreams[upstream.Id].HasTrouble);
    }

    [Fact]
    public async Task Poll_StatuspageWithComponents_BlamesTheIncidentNamingThem_AndItsLeavingReachesTheTimeline()
    {
        await using var bot = await TestBot.StartAsync();
        var server = new FeedServer(Fixtures.Read("statuspage-summary-github-two-incidents.json"), "application/json");
        var poller = new UpstreamPoller(new HttpClient(server), bot.Board, bot.Time);
        var upstream = DemoCatalog.Upstreams[0] with { FeedUrl = "http://127.0.0.1:1/api/v2/summary.json", Components = ["Actions"] };

        var (_, resolved) = await ReportThenResolveAsync(bot, server, poller, upstream, UpstreamKind.Statuspage, TimeSpan.FromMinutes(40), "statuspage-summary-github-actions-resolved.json");

        var incident = Assert.Single(bot.State.OpenIncidents);
        Assert.True(resolved);
        Assert.Equal("AWS Elastic Load Balancing (us-east-1) reports Incident with Pages and Actions", incident.Cause?.Text);
        Assert.Equal("AWS Elastic Load Balancing (us-east-1) reports: Incident with Pages and Actions (resolved)", incident.Timeline[^1].Message);
        var report = bot.State.Announcements.Upstreams[upstream.Id];
        Assert.False(report.HasTrouble);
        Assert.Equal(bot.Time.GetUtcNow(), report.At);
    }

    [Fact]
    public async Task Poll_OverHttp_SendsUserAgentWithVersionAndPublicUrl_AndAccept()
    {
        await using var bot = await TestBot.StartAsync();
        await using var server = await LoopbackServer.StartAsync(Fixtures.Read("statuspage-summary-operational.json"), "application/json");
        using var http = new HttpClient();
        var poller = new UpstreamPoller(http, bot.Board, bot.Time, "https://status.example.com/");
        var upstream = DemoCatalog.Upstreams[0] with { FeedUrl = server.Url + "api/v2/summary.json" };

        await poller.PollAsync(upstream, UpstreamKind.Auto, Day, CancellationToken.None);
        var headers = await server.RequestHeadersAsync();

        Assert.Matches(@"^StatusBot/\d+\.\d+\.\d+ \(\+https://status\.example\.com\)$", headers["User-Agent"]);
        Assert.Equal("application/json, application/rss+xml, application/atom+xml", headers["Accept"]);
        Assert.Equal("none", bot.State.Announcements.Upstreams[upstream.Id].Indicator);
    }

    [Fact]
    public async Task Poll_NotModifiedFeedWhoseIncidentWentStale_ReportsNothingWrongAnymore()
    {
        await using var bot = await TestBot.StartAsync();
        var server = new FeedServer(Fixtures.Read("aws-health-rss-open.xml"));
        var poller = new UpstreamPoller(new HttpClient(server), bot.Board, bot.Time);
        var upstream = DemoCatalog.Upstreams[0];
        await poller.PollAsync(upstream, UpstreamKind.Rss, Day, CancellationToken.None);
        var troubleBefore = bot.State.Announcements.Upstreams[upstream.Id].HasTrouble;

        bot.Advance(TimeSpan.FromDays(2));
        var changed = await poller.PollAsync(upstream, UpstreamKind.Rss, Day, CancellationToken.None);

        Assert.True(troubleBefore);
        Assert.True(changed);
        Assert.Equal(2, server.Count);
        Assert.False(bot.State.Announcements.Upstreams[upstream.Id].HasTrouble);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, null)]
    [InlineData(HttpStatusCode.OK, "<html>maintenance page</html>")]
    public async Task Poll_FailureOrUnreadableDocument_ThrowsAndRecordsNothing(HttpStatusCode code, string? body)
    {
        await using var bot = await TestBot.StartAsync();
        var server = new FeedServer(body ?? "") { Failure = code == HttpStatusCode.OK ? null : code };
        var poller = new UpstreamPoller(new HttpClient(server), bot.Board, bot.Time);
        var before = bot.State.Sequence;

        var poll = () => poller.PollAsync(DemoCatalog.Upstreams[0], UpstreamKind.Auto, Day, CancellationToken.None);

        if (code == HttpStatusCode.OK)
        {
            await Assert.ThrowsAsync<FormatException>(poll);
        }
        else
        {
            Assert.Equal(code, (await Assert.ThrowsAsync<HttpRequestException>(poll)).StatusCode);
        }

        Assert.Equal(before, bot.State.Sequence);
    }

    /// <summary>
    /// The upstream reports trouble, one of its dependent services fails (an automatic incident opens), time passes, and
    /// the upstream's next report is <paramref name="resolvedFixture"/>. Returns whether the upstream was in trouble after
    /// the first report, and what the second poll returned.
    /// </summary>
    private static async Task<(bool TroubleWhileOpen, bool Resolved)> ReportThenResolveAsync(
        TestBot bot, FeedServer server, UpstreamPoller poller, UpstreamDefinition upstream, UpstreamKind kind, TimeSpan later, string resolvedFixture)
    {
        var policy = new MonitoringPolicy(_ => new PolicyThresholds(1, 1));
        await poller.PollAsync(upstream, kind, Day, CancellationToken.None);
        var troubleWhileOpen = bot.State.Announcements.Upstreams[upstream.Id].HasTrouble;
        var observation = new Observation("streaming", ProbeOutcome.Down, bot.Time.GetUtcNow(), "HTTP 503");
        await bot.Board.ExecuteAsync(s => Core.Board.Decision.Apply(policy.Decide(s, observation)), CancellationToken.None);
        bot.Advance(later);
        server.Body = Fixtures.Read(resolvedFixture);
        server.ETag = "\"v2\"";
        return (troubleWhileOpen, await poller.PollAsync(upstream, kind, Day, CancellationToken.None));
    }
}
