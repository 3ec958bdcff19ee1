using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Prometheus;
using StatusBot.Monitoring;
using StatusBot.Testing.Discord;
using StatusBot.Testing.EndToEnd;
using StatusBot.Testing.Metrics;
using StatusBot.Testing.Slack;

namespace StatusBot.EndToEnd.Tests;

/// <summary>
/// The counters an on-call engineer graphs during an outage (deliveries, the platforms' 429s, probe results), produced by
/// the real announcer, publishers and probe against loopback servers, and read back from the Prometheus exposition that
/// <c>/metrics</c> serves, with the labels docs/OPERATIONS.md documents.
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed partial class MetricsScrapeTests
{
    [Fact]
    public async Task Scrape_AfterAFanOutThrough429s_CountsDeliveriesAndRateLimitsByPlatformAndRoute()
    {
        var before = await ScrapeAsync();
        await using var rig = await AnnouncingRig.StartAsync();
        var (discord, slack) = (AnnouncingRig.DiscordChannel(1), AnnouncingRig.SlackChannel(1));
        await rig.SubscribeAsync([discord, AnnouncingRig.DiscordChannel(2), slack]);
        rig.Discord.Script($"/channels/{discord.ChannelId}/messages", Scripted.RateLimited(0.2));
        rig.Slack["T1"].Script("chat.postMessage", SlackScript.RateLimited(1));

        await rig.RunAsync("incident open streaming major \"Streaming fails on TV devices\"");
        await rig.SettleAsync();
        var after = await ScrapeAsync();

        double Added(string series) => ServerMetrics.Sample(after, series) - ServerMetrics.Sample(before, series);
        Assert.True(Added("statusbot_announcements_total{platform=\"discord\",outcome=\"delivered\"}") >= 2, after);
        Assert.True(Added("statusbot_announcements_total{platform=\"slack\",outcome=\"delivered\"}") >= 1, after);
        // The route is a template: no channel id (and no other id) becomes a label value, so the series stay few.
        Assert.True(Added("statusbot_platform_rate_limited_total{platform=\"discord\",route=\"POST /channels/{channel_id}/messages\",global=\"false\"}") >= 1, after);
        Assert.True(Added("statusbot_platform_rate_limited_total{platform=\"slack\",route=\"chat.postMessage\",global=\"false\"}") >= 1, after);
        Assert.DoesNotContain(
            after.Split('\n'), l => l.StartsWith("statusbot_platform_rate_limited_total{", StringComparison.Ordinal) && DigitsRun().IsMatch(l[..l.LastIndexOf(' ')]));
    }

    [Fact]
    public async Task Scrape_AfterAFailingProbe_CountsItByServiceAndResult()
    {
        await using var health = await FailingHealthAsync();
        await using var bot = await Testing.TestBot.StartAsync();
        var options = new MonitoringOptions
        {
            Services = [new MonitoredService { Id = "api", Probe = new ProbeOptions { Url = health.Url, IntervalSeconds = 30, TimeoutSeconds = 5 } }],
        };
        using var monitoring = new MonitoringService(
            bot.Board, new HttpProbe(new HttpClient(), bot.Time), new MonitoringPolicy(_ => new PolicyThresholds(3, 3)), Options.Create(options), bot.Time, NullLogger<MonitoringService>.Instance);
        const string Down = "statusbot_probes_total{service=\"api\",result=\"down\"}";
        var before = ServerMetrics.Sample(await ScrapeAsync(), Down);

        await monitoring.StartAsync(CancellationToken.None);
        var counted = before;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (counted < before + 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            counted = ServerMetrics.Sample(await ScrapeAsync(), Down);
        }

        await monitoring.StopAsync(CancellationToken.None);

        Assert.True(counted >= before + 1, $"probes_total{{service=api,result=down}} went from {before} to {counted}");
        Assert.True(health.Requests >= 1);
    }

    /// <summary>What <c>/metrics</c> serves: the default registry in the Prometheus text format.</summary>
    private static async Task<string> ScrapeAsync()
    {
        using var stream = new MemoryStream();
        await Metrics.DefaultRegistry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static async Task<HealthServer> FailingHealthAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new HealthServer(app);
        app.MapGet("/health", () =>
        {
            Interlocked.Increment(ref server.RequestCount);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        });
        await app.StartAsync();
        return server;
    }

    [GeneratedRegex("[0-9]{3,}")]
    private static partial Regex DigitsRun();

    private sealed class HealthServer(WebApplication app) : IAsyncDisposable
    {
        public int RequestCount;

        public int Requests => Volatile.Read(ref RequestCount);

        public string Url => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/health";

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }
}

/// <summary>The meter is the process's: tests that read its counters run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "Process metrics";
}
