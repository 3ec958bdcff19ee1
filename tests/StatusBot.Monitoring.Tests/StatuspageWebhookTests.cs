using StatusBot.Core.Domain;
using StatusBot.Testing;

namespace StatusBot.Monitoring.Tests;

public sealed class StatuspageWebhookTests
{
    private static readonly DateTimeOffset At = TestBot.Start;

    [Fact]
    public void Parse_ComponentUpdate_GivesTheComponentsNewStatus()
    {
        var hook = StatuspageWebhook.Parse(Fixtures.Read("statuspage-webhook-component-update.json"));

        Assert.Equal("major", hook.PageIndicator);
        Assert.Equal(("Load Balancers", "partial_outage"), hook.Component);
        Assert.Null(hook.Incident);
    }

    [Fact]
    public void Parse_Incident_GivesItsNameAndStatus()
    {
        var hook = StatuspageWebhook.Parse(Fixtures.Read("statuspage-webhook-incident.json"));

        Assert.Equal("critical", hook.PageIndicator);
        Assert.Equal("Elevated load balancer errors in US East", hook.Incident!.Name);
        Assert.Equal("identified", hook.Incident.Status);
    }

    [Fact]
    public void ToReport_WatchedComponent_TakesItsStatus_AnotherComponentChangesNothing()
    {
        var hook = StatuspageWebhook.Parse(Fixtures.Read("statuspage-webhook-component-update.json"));
        var upstream = DemoCatalog.Upstreams[0];

        var watched = hook.ToReport(upstream with { Components = ["load balancers"] }, null, At);
        var other = hook.ToReport(upstream with { Components = ["DNS"] }, null, At);
        var all = hook.ToReport(upstream with { Components = [] }, null, At);

        Assert.Equal(new UpstreamReport(upstream.Id, "major", null, null, At), watched);
        Assert.Null(other);
        Assert.Equal("major", all!.Indicator);
    }

    [Fact]
    public void ToReport_Incident_KeepsTheLastIndicatorWhenItNamesNoWatchedComponent()
    {
        var hook = StatuspageWebhook.Parse(Fixtures.Read("statuspage-webhook-incident.json"));
        var upstream = DemoCatalog.Upstreams[0] with { Components = ["Load Balancers"] };
        var last = new UpstreamReport(upstream.Id, "major", null, null, At);

        var report = hook.ToReport(upstream, last, At.AddMinutes(40));

        Assert.Equal(new UpstreamReport(upstream.Id, "major", "Elevated load balancer errors in US East", "identified", At.AddMinutes(40)), report);
    }

    [Theory]
    [InlineData("{}", "neither a component nor an incident")]
    [InlineData("""{"incident":{"status":"identified"}}""", "incident.name is missing")]
    [InlineData("""{"component":{"name":"API","status":3}}""", "component.status must be a string")]
    [InlineData("""{"page":"up","incident":{"name":"x","status":"resolved"}}""", "notification.page must be an object")]
    public void Parse_Malformed_ThrowsFormatExceptionNamingTheProblem(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => StatuspageWebhook.Parse(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_Incident_IsTheSuspectedCauseOfTheNextAutomaticIncident()
    {
        await using var bot = await TestBot.StartAsync();
        var ingest = new StatuspageWebhookIngest(bot.Board, bot.Time);
        var policy = new MonitoringPolicy(_ => new PolicyThresholds(1, 1));

        var stored = await ingest.IngestAsync(DemoCatalog.ElbId, StatuspageWebhook.Parse(Fixtures.Read("statuspage-webhook-incident.json")), CancellationToken.None);
        var again = await ingest.IngestAsync(DemoCatalog.ElbId, StatuspageWebhook.Parse(Fixtures.Read("statuspage-webhook-incident.json")), CancellationToken.None);
        var o = new Observation("website", ProbeOutcome.Down, bot.Time.GetUtcNow(), "HTTP 502");
        await bot.Board.ExecuteAsync(s => Core.Board.Decision.Apply(policy.Decide(s, o)), CancellationToken.None);

        Assert.Equal(1, stored);
        Assert.Equal(0, again);
        Assert.Equal("AWS Elastic Load Balancing (us-east-1) reports Elevated load balancer errors in US East", Assert.Single(bot.State.OpenIncidents).Cause!.Text);
    }
}
