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
