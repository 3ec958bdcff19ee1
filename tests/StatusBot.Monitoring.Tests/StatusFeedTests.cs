namespace StatusBot.Monitoring.Tests;

public sealed class StatusFeedTests
{
    private static readonly DateTimeOffset ChristmasEve = new(2012, 12, 24, 23, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ReportAt_AwsRssWithAnOpenIncident_IsTheNewestItem()
    {
        var feed = StatusFeed.Parse(Fixtures.Read("aws-health-rss-open.xml"));

        var report = feed.ReportAt(ChristmasEve, TimeSpan.FromHours(24));

        Assert.Equal(3, feed.Items.Count);
        Assert.Equal(new DateTimeOffset(2012, 12, 24, 14, 19, 0, TimeSpan.FromHours(-8)), feed.Items[0].Published);
        Assert.Equal(("minor", "Increased Error Rates: Elevated error rates for load balancers", "reported"), report);
    }

    [Fact]
    public void ReportAt_AwsRssOperatingNormallyAgain_ResolvesTheIncident()
    {
        var feed = StatusFeed.Parse(Fixtures.Read("aws-health-rss-resolved.xml"));

        var report = feed.ReportAt(ChristmasEve.AddDays(1), TimeSpan.FromHours(24));

        Assert.Equal(("none", "Elevated error rates for load balancers", "resolved"), report);
    }

    [Fact]
    public void ReportAt_Atom_ReadsPrefixAndOffsetTimes()
    {
        var feed = StatusFeed.Parse(Fixtures.Read("status-feed-atom.xml"));

        var report = feed.ReportAt(ChristmasEve, TimeSpan.FromHours(24));

        Assert.Equal(new DateTimeOffset(2012, 12, 24, 20, 10, 0, TimeSpan.Zero), feed.Items[0].Published!.Value.ToUniversalTime());
        Assert.Equal(("major", "Slow responses in Europe", "service degradation"), report);
    }

    [Fact]
    public void ReportAt_NewestItemOlderThanStaleAfter_ReportsNothingWrong()
    {
        var feed = StatusFeed.Parse(Fixtures.Read("aws-health-rss-open.xml"));

        var report = feed.ReportAt(ChristmasEve.AddDays(3), TimeSpan.FromHours(24));

        Assert.Equal(("none", null, null), report);
    }

    [Theory]
    [InlineData("Service disruption: Load balancers unreachable", "critical", "Load balancers unreachable", "service disruption")]
    [InlineData("Performance issues: Slow API calls", "minor", "Slow API calls", "performance issues")]
    [InlineData("[RESOLVED] Slow API calls", "none", "Slow API calls", "resolved")]
    [InlineData("Service is operating normally", "none", null, null)]
    [InlineData("Service impact: Increased Connectivity Issues and API Error Rates", "major", "Increased Connectivity Issues and API Error Rates", "service impact")]
    [InlineData("Informational message: Recovery underway", "minor", "Recovery underway", "informational message")]
    [InlineData("Resolved: Informational message: Recovery underway", "none", "Recovery underway", "resolved")]
    [InlineData("Informational message: [RESOLVED] Internet connectivity", "none", "Internet connectivity", "resolved")]
    [InlineData("Service is operating normally: [RESOLVED] SMS Delivery Delays", "none", "SMS Delivery Delays", "resolved")]
    public void ReportAt_AwsTitlePrefixes_GiveIndicatorAndStatus(string title, string indicator, string? name, string? status)
    {
        var feed = new StatusFeed([new StatusFeedItem(title, "", ChristmasEve, 0)]);

        Assert.Equal((indicator, name, status), feed.ReportAt(ChristmasEve, TimeSpan.FromHours(1)));
    }

    [Fact]
    public void ReportAt_CurrentAwsFeedWithServiceImpact_IsTroubleNamedAfterTheImpact()
    {
        var feed = StatusFeed.Parse(Fixtures.Read("aws-health-rss-current-open.xml"));

        var report = feed.ReportAt(ChristmasEve.AddHours(3), TimeSpan.FromHours(24));

        Assert.Equal(("major", "Increased Error Rates", "service impact"), report);
    }

    [Fact]
    public void ReportAfter_CurrentAwsResolvedPrefix_ResolvesTheIncidentLastReported()
    {
        var feed = StatusFeed.Parse(Fixtures.Read("aws-health-rss-current-resolved.xml"));
        var last = new Core.Domain.UpstreamReport("elb", "major", "Increased Error Rates", "service impact", ChristmasEve.AddHours(2));
        var at = ChristmasEve.AddHours(22);

        var report = feed.ReportAfter("elb", last, at, TimeSpan.FromHours(24));

        Assert.Equal(new Core.Domain.UpstreamReport("elb", "none", "Increased Error Rates", "resolved", at), report);
        Assert.False(report.HasTrouble);
    }

    [Fact]
    public void Classify_EachItemOfTheCurrentAwsFeed_TellsResolutionFromTrouble()
    {
        var feed = StatusFeed.Parse(Fixtures.Read("aws-health-rss-current-resolved.xml"));

        var items = feed.Items.Select(StatusFeed.Classify).ToList();

        Assert.Equal(
            [
                ("none", "Recovery underway", "resolved"),
                ("major", "Increased Error Rates", "service impact"),
                ("minor", "Increased API Latencies and Error Rates", "informational message"),
            ],
            items);
    }

    [Theory]
    [InlineData("The issue has been resolved and the service is operating normally.", "none", "resolved")]
    [InlineData("The issues have been resolved and the service is operating normally.", "none", "resolved")]
    [InlineData("We are working to resolve the issue. Other load balancers are operating normally.", "major", "service impact")]
    [InlineData("The issue has been resolved for most load balancers; we continue to work on the rest.", "major", "service impact")]
    public void ReportAt_TitleKeptButTextSaysResolved_ResolvesOnlyWhenTheTextSaysBoth(string description, string indicator, string status)
    {
        var feed = new StatusFeed([new StatusFeedItem("Service impact: Increased Error Rates", description, ChristmasEve, 0)]);

        Assert.Equal((indicator, "Increased Error Rates", status), feed.ReportAt(ChristmasEve, TimeSpan.FromHours(1)));
    }

    [Theory]
    [InlineData("{\"status\":{}}")]
    [InlineData("<html><body>Status</body></html>")]
    [InlineData("<rss version=\"2.0\"></rss>")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaa\">]><rss><channel>&a;</channel></rss>")]
    public void Parse_NotAFeed_ThrowsFormatException(string body)
    {
        Assert.Throws<FormatException>(() => StatusFeed.Parse(body));
    }

    [Theory]
    [InlineData("Mon, 24 Dec 2012 12:55:00 PST", "2012-12-24T20:55:00Z")]
    [InlineData("Mon, 24 Dec 2012 12:55:00 EDT", "2012-12-24T16:55:00Z")]
    [InlineData("Mon, 24 Dec 2012 12:55:00 GMT", "2012-12-24T12:55:00Z")]
    [InlineData("Mon, 24 Dec 2012 12:55:00 -0800", "2012-12-24T20:55:00Z")]
    [InlineData("2012-12-24T12:55:00-08:00", "2012-12-24T20:55:00Z")]
    public void ParseDate_Rfc822AndRfc3339_GiveTheInstant(string text, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), StatusFeed.ParseDate(text));
    }
}
