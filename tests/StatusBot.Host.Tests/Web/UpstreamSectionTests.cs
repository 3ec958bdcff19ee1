using Microsoft.Extensions.DependencyInjection;
using StatusBot.Core.Board;
using StatusBot.Core.Domain;
using StatusBot.Monitoring;

namespace StatusBot.Host.Tests.Web;

/// <summary>The status page's third-party section, on the real <c>serve</c> application with the default configuration.</summary>
public sealed class UpstreamSectionTests(ServeFixture serve) : IClassFixture<ServeFixture>
{
    private const string Elb = "aws-elb-us-east-1";

    [Fact]
    public async Task Home_ThirdPartySection_FollowsTheUpstreamFromNoReportToIncidentToOperationalToAProblem_InEnglishAndFrench()
    {
        var board = serve.Services.GetRequiredService<StatusBoard>();

        var before = Section(await serve.Client.GetStringAsync("/"));

        var first = serve.Time.GetUtcNow();
        await RecordAsync(board, new UpstreamReport(Elb, "major", "Increased Error Rates", "service impact", first));
        serve.Time.Advance(TimeSpan.FromMinutes(20));
        await RecordAsync(board, new UpstreamReport(Elb, "major", "Increased Error Rates", "identified", serve.Time.GetUtcNow()));
        var during = PageText.WithoutTimeTags(Section(await serve.Client.GetStringAsync("/")));
        var duringFr = PageText.WithoutTimeTags(Section(await serve.Client.GetStringAsync("/?lang=fr")));

        serve.Time.Advance(TimeSpan.FromMinutes(30));
        await RecordAsync(board, new UpstreamReport(Elb, "none", "Increased Error Rates", "resolved", serve.Time.GetUtcNow()));
        var after = Section(await serve.Client.GetStringAsync("/"));

        serve.Time.Advance(TimeSpan.FromMinutes(5));
        await RecordAsync(board, new UpstreamReport(Elb, "critical", null, null, serve.Time.GetUtcNow()));
        var componentsDown = Section(await serve.Client.GetStringAsync("/"));

        Assert.Contains("<h2 id=\"upstreams\">Third-party services</h2>", before, StringComparison.Ordinal);
        Assert.Contains("<strong>AWS Elastic Load Balancing (us-east-1)</strong>", before, StringComparison.Ordinal);
        Assert.Contains("Unknown (no report yet)", before, StringComparison.Ordinal);

        Assert.Contains("st-partial_outage", during, StringComparison.Ordinal);
        Assert.Contains("Reporting an incident: Increased Error Rates", during, StringComparison.Ordinal);
        Assert.Contains($"since {first.UtcDateTime:HH:mm} UTC (20 minutes ago)", during, StringComparison.Ordinal);
        Assert.Contains("Services tiers", duringFr, StringComparison.Ordinal);
        Assert.Contains("Signale un incident : Increased Error Rates", duringFr, StringComparison.Ordinal);
        Assert.Contains($"depuis {first.UtcDateTime:HH:mm} UTC (il y a 20 minutes)", duringFr, StringComparison.Ordinal);

        Assert.Contains("st-operational", after, StringComparison.Ordinal);
        Assert.Contains("Operational", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Increased Error Rates", after, StringComparison.Ordinal);
        Assert.DoesNotContain("since", after, StringComparison.Ordinal);

        Assert.Contains("st-major_outage", componentsDown, StringComparison.Ordinal);
        Assert.Contains("Reporting a problem", componentsDown, StringComparison.Ordinal);
        Assert.Contains("(now)", componentsDown, StringComparison.Ordinal);
    }

    private static async Task RecordAsync(StatusBoard board, UpstreamReport report) =>
        Assert.NotEmpty((await board.ExecuteAsync(s => UpstreamRecorder.Decide(s, report), CancellationToken.None)).Decision.Events);

    /// <summary>The third-party section of a page (fails when the page has none).</summary>
    private static string Section(string html)
    {
        var start = html.IndexOf("<section aria-labelledby=\"upstreams\">", StringComparison.Ordinal);
        Assert.True(start >= 0, "The page has no third-party section.");
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }
}
