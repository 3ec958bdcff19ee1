using Microsoft.AspNetCore.Builder;
using StatusBot.Host.Demo;

namespace StatusBot.Host.Tests.Demo;

public sealed class DemoScriptTests
{
    [Fact]
    public async Task Run_TellsTheWholeStory_InOrder()
    {
        var output = new StringWriter();

        await new DemoScript(output, TimeSpan.Zero).RunAsync(CancellationToken.None);

        var text = output.ToString();
        string[] beats =
        [
            "This channel now receives announcements for every service.",
            "✖ 20:31:33 probe streaming: HTTP 503 in 4 ms",
            "📣 #status · new status card",
            "INC-1 · Streaming is unavailable",
            "Investigating: Website is affected too",
            "Investigating: API is affected too",
            "Evidence: our checks first failed at 20:30 UTC · AWS Elastic Load Balancing (us-east-1) has reported nothing yet",
            "📣 #ops · new status card",
            "AWS Elastic Load Balancing (us-east-1) still reports no problem",
            "🛰  AWS feed: \"Increased error rates for Elastic Load Balancers in US-EAST-1\" (investigating)",
            "now reports: Increased error rates for Elastic Load Balancers in US-EAST-1 (acknowledged 14 minutes after our checks first failed)",
            "Cause (suspected): AWS Elastic Load Balancing (us-east-1) reports Increased error rates",
            "Investigating: Sorry — Streaming, Website and API are still not working normally",
            "Affected: TV devices",
            "Identified: Sorry — Streaming, Website and API are still not working normally (major outage) for TV devices",
            "Identified: Website is back; Streaming and API are still affected",
            "Identified: Sorry — Streaming and API are still not working normally (major outage) for TV devices",
            "Identified: API is back; Streaming is still affected",
            "Restored for most users at 23:20 UTC",
            "🛰  AWS feed: \"Increased error rates for Elastic Load Balancers in US-EAST-1\" (resolved)",
            "Resolved after 13 hours, 17 minutes. Affected: Streaming, Website and API.",
            "Who was affected: TV devices.",
            "Users affected: 27 million.",
            "Cause (confirmed): AWS Elastic Load Balancing state data in us-east-1 was deleted by mistake",
            "We are sorry for the disruption, and thank you for your patience.",
            "reported it resolved at 09:47 UTC",
        ];
        var at = 0;
        foreach (var beat in beats)
        {
            var found = text.IndexOf(beat, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"missing, or out of order: {beat}\n{text}");
            at = found;
        }

        // One incident, one card in the channel; titles without a stray period; no probe details in any post.
        Assert.Equal(1, text.Split("#status · new status card").Length - 1);
        Assert.DoesNotContain("INC-2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("unavailable.", text, StringComparison.Ordinal);
        var posted = text.Split('\n').Where(line => line.StartsWith("     │", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(posted, line => line.Contains("HTTP", StringComparison.Ordinal) || line.Contains(" ms", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_WithTheStatusPage_ThePageAndApiFollowTheStory()
    {
        WebApplication? page = null;
        string? openedAt = null;
        var script = new DemoScript(TextWriter.Null, TimeSpan.Zero)
        {
            BoardStarted = async (board, clock, ct) =>
            {
                page = await DemoWeb.StartAsync("http://127.0.0.1:0", board, clock, ct);
                openedAt = DemoWeb.Address(page);
            },
        };

        try
        {
            await script.RunAsync(CancellationToken.None);
            using var http = new HttpClient { BaseAddress = new Uri(openedAt!) };

            var home = await http.GetStringAsync("/");
            var incident = await http.GetStringAsync("/incidents/INC-1");
            var api = await http.GetStringAsync("/api/v2/incidents.json");

            Assert.Contains("Streaming service status (demo)", home, StringComparison.Ordinal);
            Assert.Contains("INC-1", home, StringComparison.Ordinal);
            Assert.Contains("Restored for most members; Streaming returns device by device", incident, StringComparison.Ordinal);
            Assert.Contains("All devices can stream again.", incident, StringComparison.Ordinal);
            Assert.Contains("\"status\":\"resolved\"", api, StringComparison.Ordinal);
        }
        finally
        {
            if (page is not null)
            {
                await page.DisposeAsync();
            }
        }
    }
}
