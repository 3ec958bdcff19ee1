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
            "✖ 20:33 probe streaming: HTTP 503",
            "📣 #status · new status card",
            "Cause (suspected): AWS Elastic Load Balancing (us-east-1) reports Elevated error rates for load balancers in US-EAST-1",
            "Investigating: Sorry — Streaming is still not working normally",
            "reports: Elevated error rates for load balancers in US-EAST-1 (identified)",
            "Monitoring: Streaming is restored for most members",
            "Resolved after 15 hours, 3 minutes. Affected: Streaming.",
        ];
        var at = 0;
        foreach (var beat in beats)
        {
            var found = text.IndexOf(beat, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"missing, or out of order: {beat}\n{text}");
            at = found;
        }

        Assert.Equal(1, text.Split("new status card").Length - 1);
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
            Assert.Contains("Streaming is restored for most members", incident, StringComparison.Ordinal);
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
