using StatusBot.Core.Domain;

namespace StatusBot.Monitoring.Tests;

public sealed class StatuspageSummaryTests
{
    [Fact]
    public void Parse_GitHubMajorOutageCapture_GivesIndicatorIncidentAndComponents()
    {
        var summary = StatuspageSummary.Parse(Fixture("statuspage-summary-major-outage.json"));

        Assert.Equal("major", summary.Indicator);
        Assert.Equal("Incident on 2020-04-02 20:20 UTC", summary.IncidentName);
        Assert.Equal("investigating", summary.IncidentStatus);
        Assert.Equal("major_outage", summary.Components["Git Operations"]);
        Assert.Equal("critical", summary.IndicatorFor(["Git Operations", "GitHub Pages"]));
        Assert.Equal("none", summary.IndicatorFor(["GitHub Pages"]));
    }

    [Fact]
    public void Parse_OperationalCapture_HasNoIncident()
    {
        var summary = StatuspageSummary.Parse(Fixture("statuspage-summary-operational.json"));

        Assert.Equal("none", summary.Indicator);
        Assert.Null(summary.IncidentName);
    }

    [Theory]
    [InlineData("Actions")]
    [InlineData("actions")]
    [InlineData("br0l2tvcx85d")]
    public void ReportsAfter_ComponentsListed_AttributesTheIncidentNamingThem_NotTheFirstListed(string watched)
    {
        var summary = StatuspageSummary.Parse(Fixture("statuspage-summary-github-two-incidents.json"));

        var reports = summary.ReportsAfter(GitHub([watched]), null, At);

        Assert.Equal("Incident with Copilot", summary.Incidents[0].Name);
        Assert.Equal([new UpstreamReport("github", "major", "Incident with Pages and Actions", "investigating", At)], reports);
    }

    [Fact]
    public void ReportsAfter_NoComponentsListed_TakesThePageIndicatorAndTheFirstIncident()
    {
        var summary = StatuspageSummary.Parse(Fixture("statuspage-summary-github-two-incidents.json"));

        var reports = summary.ReportsAfter(GitHub([]), null, At);

        Assert.Equal([new UpstreamReport("github", "major", "Incident with Copilot", "investigating", At)], reports);
    }

    [Fact]
    public void ReportsAfter_IncidentLeftTheSummary_IsReportedResolvedUnderItsName_AndOnceOnly()
    {
        var summary = StatuspageSummary.Parse(Fixture("statuspage-summary-github-actions-resolved.json"));
        var last = new UpstreamReport("github", "major", "Incident with Pages and Actions", "investigating", At.AddMinutes(-30));

        var reports = summary.ReportsAfter(GitHub(["Actions"]), last, At);
        var again = summary.ReportsAfter(GitHub(["Actions"]), reports[^1], At.AddMinutes(2));

        Assert.Equal([new UpstreamReport("github", "none", "Incident with Pages and Actions", "resolved", At)], reports);
        Assert.False(reports[0].HasTrouble);
        Assert.Equal(("none", "Incident with Pages and Actions", "resolved"), (again[0].Indicator, again[0].IncidentName, again[0].IncidentStatus));
    }

    [Fact]
    public void ReportsAfter_ReportedIncidentGoneButAnotherListed_ReportsTheResolutionThenTheOther()
    {
        var summary = StatuspageSummary.Parse(Fixture("statuspage-summary-github-actions-resolved.json"));
        var last = new UpstreamReport("github", "major", "Incident with Pages and Actions", "investigating", At.AddMinutes(-30));

        var reports = summary.ReportsAfter(GitHub([]), last, At);

        Assert.Equal(
            [
                new UpstreamReport("github", "minor", "Incident with Pages and Actions", "resolved", At),
                new UpstreamReport("github", "minor", "Incident with Copilot", "investigating", At),
            ],
            reports);
    }

    [Fact]
    public void ReportsAfter_WatchedComponentDownWithoutAnIncidentNamingIt_FallsBackToTheComponentStatus()
    {
        var summary = StatuspageSummary.Parse(Fixture("statuspage-summary-major-outage.json"));

        var reports = summary.ReportsAfter(GitHub(["Git Operations"]), null, At);

        Assert.Equal([new UpstreamReport("github", "critical", null, null, At)], reports);
        Assert.True(reports[0].HasTrouble);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("[1,2]")]
    public void Parse_NotASummary_ThrowsFormatException(string json)
    {
        Assert.Throws<FormatException>(() => StatuspageSummary.Parse(json));
    }

    private static readonly DateTimeOffset At = new(2024, 9, 16, 22, 10, 0, TimeSpan.Zero);

    private static UpstreamDefinition GitHub(IReadOnlyList<string> components) =>
        new("github", "GitHub", "https://www.githubstatus.com/api/v2/summary.json", components);

    private static string Fixture(string name) => Fixtures.Read(name);
}
