using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StatusBot.Core.Board;
using StatusBot.Core.Events;
using StatusBot.Core.Telemetry;
using StatusBot.Core.Text;

namespace StatusBot.Monitoring;

/// <summary>
/// Probes every service that has a <c>Probe</c>, each on its own interval, and feeds the policy on the board's writer. Time
/// nobody looked is never "up": probed services are <c>unknown</c> from start until their first result, after
/// <see cref="MonitoringOptions.GapIntervals"/> intervals without one (a stalled loop), and from a stop until the next
/// start; the next result ends the gap.
/// </summary>
public sealed partial class MonitoringService(
    StatusBoard board,
    HttpProbe probe,
    MonitoringPolicy policy,
    IOptions<MonitoringOptions> options,
    TimeProvider time,
    ILogger<MonitoringService> logger,
    IAliveMark? alive = null,
    ILeadership? leadership = null,
    MonitoringHealth? health = null) : BackgroundService
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastResult = new(StringComparer.Ordinal);
    private volatile bool _running;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_running)
        {
            var note = Localizer.For(Locales.English)[nameof(Strings.Monitor_GapStopped)];
            try
            {
                await RecordGapsAsync(options.Value.Probed.Select(s => s.Id), note, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // The host's shutdown time is up: the next start records the gap instead.
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var probed = options.Value.Probed;
        if (probed.Count == 0)
        {
            LogNoProbes(logger);
            return;
        }

        await BoardWait.UntilStartedAsync(board, time, stoppingToken);

        // With several instances on one database, only the leader probes and decides; another takes over when it goes.
        await (leadership ?? new SoleLeadership()).RunWhileLeaderAsync(leading => MonitorAsync(probed, leading, stoppingToken), stoppingToken);
    }

    private async Task MonitorAsync(IReadOnlyList<MonitoredService> probed, CancellationToken leading, CancellationToken stoppingToken)
    {
        try
        {
            await MonitorWhileLeadingAsync(probed, leading);
        }
        finally
        {
            // Lost the lead (not a stop): the stop's gap is the new leader's to record, from this run's last alive mark.
            if (!stoppingToken.IsCancellationRequested)
            {
                _running = false;
            }
        }
    }

    private async Task MonitorWhileLeadingAsync(IReadOnlyList<MonitoredService> probed, CancellationToken stoppingToken)
    {
        // Whatever was recorded before this start is old news: unknown until each service's first result. After a kill
        // (no stop was recorded), unknown from the last time the previous run was known to be watching.
        var lastAlive = ReadAliveMark();
        var english = Localizer.For(Locales.English);
        var note = lastAlive is { } seen
            ? english.Format(nameof(Strings.Monitor_GapDown), seen.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))
            : english[nameof(Strings.Monitor_GapStarted)];
        await RecordGapsAsync(probed.Select(s => s.Id), note, stoppingToken, lastAlive);
        WriteAliveMark();
        _running = true;
        var started = time.GetUtcNow();
        foreach (var s in probed)
        {
            _lastResult[s.Id] = started;
        }

        await Task.WhenAll(probed.Select(s => LoopAsync(s.Id, s.Probe!, stoppingToken)).Append(WatchGapsAsync(probed, stoppingToken)));
    }

    /// <summary>One check of the watchdog: each probed service without a result for too long becomes unknown.</summary>
    internal async Task CheckGapsAsync(IReadOnlyList<MonitoredService> probed, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var s in probed)
        {
            var last = _lastResult.GetValueOrDefault(s.Id, now);
            if (now - last > GapAfter(s.Probe!))
            {
                var note = Localizer.For(Locales.English).Format(nameof(Strings.Monitor_GapNoResult), last.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
                await RecordGapsAsync([s.Id], note, cancellationToken);
            }
        }
    }

    private static TimeSpan GapAfter(ProbeOptions p) =>
        (TimeSpan.FromSeconds(Math.Max(1, p.IntervalSeconds)) * MonitoringOptions.GapIntervals) + TimeSpan.FromSeconds(Math.Max(1, p.TimeoutSeconds));

    private async Task WatchGapsAsync(IReadOnlyList<MonitoredService> probed, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(probed.Min(s => Math.Max(1, s.Probe!.IntervalSeconds))), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            WriteAliveMark();
            await CheckGapsAsync(probed, stoppingToken);
        }
    }

    /// <summary>
    /// Records the services' gaps from <paramref name="from"/> (clamped between each service's last change and now, so a
    /// service's history stays in time order) or from now.
    /// </summary>
    private async Task RecordGapsAsync(IEnumerable<string> serviceIds, string note, CancellationToken cancellationToken, DateTimeOffset? from = null)
    {
        var ids = serviceIds.ToList();
        try
        {
            var result = await board.ExecuteAsync(s => Decision.Apply([.. ids.SelectMany(id => MonitoringPolicy.Gap(s, id, GapStart(s, id, from), note))]), cancellationToken);
            foreach (var changed in result.Decision.Events.OfType<ServiceStatusChanged>())
            {
                LogGap(logger, changed.ServiceId, note);
            }
        }
        catch (StoreUnavailableException ex)
        {
            LogStoreFailed(logger, string.Join(", ", ids), ex);
        }
    }

    private DateTimeOffset GapStart(Core.State.BoardState state, string serviceId, DateTimeOffset? from)
    {
        var now = time.GetUtcNow();
        if (from is not { } start || start >= now || !state.Services.TryGetValue(serviceId, out var service))
        {
            return now;
        }

        return start > service.Since ? start : service.Since;
    }

    private DateTimeOffset? ReadAliveMark()
    {
        try
        {
            return alive?.Read();
        }
        catch (IOException ex)
        {
            LogAliveMarkFailed(logger, ex);
            return null;
        }
    }

    private void WriteAliveMark()
    {
        try
        {
            alive?.Write(time.GetUtcNow());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The next start then records a longer gap than there was: more "unknown", never more "up".
            LogAliveMarkFailed(logger, ex);
        }
    }

    /// <summary>
    /// One service's probe loop. An error it cannot recover from stops this loop only, and is reported at once (the log,
    /// <see cref="MonitoringHealth"/> for <c>/readyz</c>); the watchdog then makes the service unknown.
    /// </summary>
    private async Task LoopAsync(string serviceId, ProbeOptions options, CancellationToken stoppingToken)
    {
        try
        {
            await ProbeLoopAsync(serviceId, options, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogLoopStopped(logger, serviceId, ex.Message, ex);
            health?.LoopStopped($"probe of {serviceId}", ex.Message);
        }
    }

    private async Task ProbeLoopAsync(string serviceId, ProbeOptions options, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.IntervalSeconds)), time);
        do
        {
            var observation = await probe.ProbeAsync(serviceId, options, stoppingToken);
            StatusBotMetrics.Probe(serviceId, observation.Outcome.ToString().ToLowerInvariant());
            try
            {
                var result = await board.ExecuteAsync(s => Decision.Apply(policy.Decide(s, observation)), stoppingToken);
                _lastResult[serviceId] = time.GetUtcNow();
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "The monitoring alive mark could not be read or written")]
    private static partial void LogAliveMarkFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Monitoring gap: {Service} is now unknown ({Note})")]
    private static partial void LogGap(ILogger logger, string service, string note);

    [LoggerMessage(Level = LogLevel.Error, Message = "The probe of {Service} stopped: {Reason}. The service is unknown until a restart")]
    private static partial void LogLoopStopped(ILogger logger, string service, string reason, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Probe result of {Service} could not be stored")]
    private static partial void LogStoreFailed(ILogger logger, string service, Exception exception);
}
