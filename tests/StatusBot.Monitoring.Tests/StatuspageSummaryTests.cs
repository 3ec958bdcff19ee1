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
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("[1,2]")]
    public void Parse_NotASummary_ThrowsFormatException(string json)
    {
        Assert.Throws<FormatException>(() => StatuspageSummary.Parse(json));
    }

    private static string Fixture(string name) => Fixtures.Read(name);
}
