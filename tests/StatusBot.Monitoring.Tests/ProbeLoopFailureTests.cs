using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StatusBot.Core.Domain;
using StatusBot.Testing;

namespace StatusBot.Monitoring.Tests;

/// <summary>A probe loop that stops on an error is reported at once, not at shutdown, and its service does not look fine.</summary>
public sealed class ProbeLoopFailureTests
{
    [Fact]
    public async Task ProbeThatCannotRun_ReportedAtOnceInTheLogAndTheHealth_OtherProbesGoOn()
    {
        await using var bot = await TestBot.StartAsync();
        var options = new MonitoringOptions
        {
            Services =
            [
                new MonitoredService { Id = "api", Probe = new ProbeOptions { Url = "not a url", IntervalSeconds = 30 } },
                new MonitoredService { Id = "website", Probe = new ProbeOptions { Url = "http://website.test/", IntervalSeconds = 30 } },
            ],
        };
        var health = new MonitoringHealth();
        var log = new ListLogger();
        using var http = new HttpClient(new Answer());
        using var service = new MonitoringService(
            bot.Board, new HttpProbe(http, bot.Time), new MonitoringPolicy(_ => new PolicyThresholds(1, 1)), Options.Create(options), bot.Time, log,
            health: health);

        await service.StartAsync(CancellationToken.None);
        await Until.TrueAsync(() => health.Stopped.Count > 0, "the broken loop is reported");
        await Until.TrueAsync(() => bot.State.Services["website"].Status == ServiceStatus.Operational, "the other probe runs");
        await service.StopAsync(CancellationToken.None);

        var stopped = Assert.Single(health.Stopped);
        Assert.Equal("probe of api", stopped.Key);
        Assert.Contains(log.Lines, l => l.StartsWith("Error: The probe of api stopped:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PollingThatCannotRun_ReportedAtOnceWithoutTheFeedUrl()
    {
        await using var bot = await TestBot.StartAsync();
        var upstream = new MonitoredUpstream { Id = DemoCatalog.ElbId, FeedUrl = "https://status.example.test/elb.rss?token=s3cret", Poll = true, IntervalSeconds = 60 };
        var health = new MonitoringHealth();
        using var http = new HttpClient(new Broken());
        using var service = new UpstreamFeedService(
            bot.Board, new UpstreamPoller(http, bot.Board, bot.Time), Options.Create(new MonitoringOptions { Upstreams = [upstream] }), bot.Time,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<UpstreamFeedService>.Instance, health: health);

        await service.StartAsync(CancellationToken.None);
        await Until.TrueAsync(() => health.Stopped.Count > 0, "the broken loop is reported");
        await service.StopAsync(CancellationToken.None);

        var stopped = Assert.Single(health.Stopped);
        Assert.Equal($"polling of {DemoCatalog.ElbId}", stopped.Key);
        Assert.DoesNotContain("s3cret", stopped.Value, StringComparison.Ordinal);
    }

    /// <summary>Fails in a way no poll expects (not a network error, a timeout or an unreadable document).</summary>
    private sealed class Broken : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("handler broken for " + request.RequestUri);
    }

    private sealed class Answer : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
    }

    private sealed class ListLogger : ILogger<MonitoringService>
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Lines { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
    }
}
