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
}
