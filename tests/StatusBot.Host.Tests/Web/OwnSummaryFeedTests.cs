using StatusBot.Monitoring;

namespace StatusBot.Host.Tests.Web;

/// <summary>The upstream-feed parser reads StatusBot's own <c>/api/v2/summary.json</c>, served by the real app.</summary>
public sealed class OwnSummaryFeedTests(ServeFixture serve) : IClassFixture<ServeFixture>
{
    [Fact]
    public async Task Parse_OwnSummaryDuringTheOutage_GivesIndicatorIncidentAndComponents()
    {
        var json = await serve.Client.GetStringAsync("/api/v2/summary.json");

        var summary = StatuspageSummary.Parse(json);

        Assert.Equal("critical", summary.Indicator);
        Assert.Equal("Streaming fails on <script>alert(1)</script> devices", summary.IncidentName);
        Assert.Equal("identified", summary.IncidentStatus);
        Assert.Equal("major_outage", summary.Components["Streaming"]);
        Assert.Equal("critical", summary.IndicatorFor(["Streaming"]));
    }

    [Fact]
    public async Task ReportsAfter_OwnSummaryWithComponents_AttributesOnlyTheIncidentNamingAListedComponent()
    {
        var summary = StatuspageSummary.Parse(await serve.Client.GetStringAsync("/api/v2/summary.json"));
        var at = serve.Time.GetUtcNow();

        var website = summary.ReportsAfter(Own(["Website"]), null, at);
        var billing = summary.ReportsAfter(Own(["Billing"]), null, at);

        Assert.Equal("Streaming fails on <script>alert(1)</script> devices", Assert.Single(website).IncidentName);
        Assert.Equal(new Core.Domain.UpstreamReport("own", "none", null, null, at), Assert.Single(billing));
    }

    private static Core.Domain.UpstreamDefinition Own(IReadOnlyList<string> components) =>
        new("own", "Our own page", "http://127.0.0.1/api/v2/summary.json", components);
}
