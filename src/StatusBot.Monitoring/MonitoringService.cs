using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StatusBot.Core.Board;
using StatusBot.Core.Telemetry;

namespace StatusBot.Monitoring;

/// <summary>Probes every service that has a <c>Probe</c>, each on its own interval, and feeds the policy on the board's writer.</summary>
public sealed partial class MonitoringService(
    StatusBoard board,
    HttpProbe probe,
    MonitoringPolicy policy,
    IOptions<MonitoringOptions> options,
    TimeProvider time,
    ILogger<MonitoringService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var probed = options.Value.Services.Where(s => s.Probe is { Url.Length: > 0 }).ToList();
        if (probed.Count == 0)
        {
            LogNoProbes(logger);
            return;
        }

        while (!board.IsStarted)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), time, stoppingToken);
        }

        await Task.WhenAll(probed.Select(s => LoopAsync(s.Id, s.Probe!, stoppingToken)));
    }

    private async Task LoopAsync(string serviceId, ProbeOptions options, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.IntervalSeconds)), time);
        do
        {
            var observation = await probe.ProbeAsync(serviceId, options, stoppingToken);
            StatusBotMetrics.Probe(serviceId, observation.Outcome.ToString().ToLowerInvariant());
            try
            {
                var result = await board.ExecuteAsync(s => Decision.Apply(policy.Decide(s, observation)), stoppingToken);
                if (result.Decision.Events.Count > 0)
                {
                    LogChanged(logger, serviceId, observation.Detail, result.Decision.Events.Count);
                }
            }
            catch (StoreUnavailableException ex)
            {
                LogStoreFailed(logger, serviceId, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No service has a Probe: HTTP monitoring is off (add StatusBot:Services[].Probe:Url to turn it on)")]
    private static partial void LogNoProbes(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Probe of {Service} ({Detail}) stored {Count} events")]
    private static partial void LogChanged(ILogger logger, string service, string detail, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Probe result of {Service} could not be stored")]
    private static partial void LogStoreFailed(ILogger logger, string service, Exception exception);
}
