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
}
