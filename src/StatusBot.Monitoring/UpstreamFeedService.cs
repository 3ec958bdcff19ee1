using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StatusBot.Core.Board;

namespace StatusBot.Monitoring;

/// <summary>
/// Polls every upstream configured with <c>Poll: true</c>, each on its own interval and with its own timeout. A failed poll
/// (network, HTTP error, unreadable document, store) is logged without the URL, which may carry a token, and tried again
/// on the next tick; it never stops the host.
/// </summary>
public sealed partial class UpstreamFeedService(
    StatusBoard board,
    UpstreamPoller poller,
    IOptions<MonitoringOptions> options,
    TimeProvider time,
    ILogger<UpstreamFeedService> logger,
    ILeadership? leadership = null,
    MonitoringHealth? health = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var polled = options.Value.Polled;
        if (polled.Count == 0)
        {
            LogNoPolling(logger);
            return;
        }

        await BoardWait.UntilStartedAsync(board, time, stoppingToken);
        // Only the leader polls, so several instances on one database record each upstream change once.
        await (leadership ?? new SoleLeadership()).RunWhileLeaderAsync(leading => Task.WhenAll(polled.Select(u => LoopAsync(u, leading))), stoppingToken);
    }

    /// <summary>One poll of one upstream; returns true when something new was recorded, false when not or when it failed.</summary>
    internal async Task<bool> PollOnceAsync(MonitoredUpstream upstream, CancellationToken stoppingToken)
    {
        if (board.Current.Upstreams.GetValueOrDefault(upstream.Id) is not { FeedUrl.Length: > 0 } definition)
        {
            return false;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(upstream.TimeoutSeconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stoppingToken);
        try
        {
            var changed = await poller.PollAsync(definition, upstream.ParsedKind ?? UpstreamKind.Auto, TimeSpan.FromHours(upstream.StaleAfterHours), linked.Token);
            if (changed)
            {
                LogChanged(logger, upstream.Id, board.Current.Announcements.Upstreams.GetValueOrDefault(upstream.Id)?.Indicator ?? "?");
            }

            return changed;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            LogFailed(logger, upstream.Id, $"no answer within {upstream.TimeoutSeconds.ToString(CultureInfo.InvariantCulture)} s", null);
        }
        catch (HttpRequestException ex)
        {
            // The exception's message may name the host and port; its kind and status code are enough to act on.
            LogFailed(logger, upstream.Id, ex.StatusCode is { } code ? $"HTTP {(int)code}" : ex.HttpRequestError.ToString(), null);
        }
        catch (FormatException ex)
        {
            LogFailed(logger, upstream.Id, ex.Message, null);
        }
        catch (StoreUnavailableException ex)
        {
            LogFailed(logger, upstream.Id, "the board could not store the report", ex);
        }

        return false;
    }

    /// <summary>
    /// One upstream's polling loop. An error it cannot recover from stops this loop only, and is reported at once (the log,
    /// <see cref="MonitoringHealth"/> for <c>/readyz</c>) by its kind alone: its message may quote the feed URL.
    /// </summary>
    private async Task LoopAsync(MonitoredUpstream upstream, CancellationToken stoppingToken)
    {
        try
        {
            await PollLoopAsync(upstream, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogLoopStopped(logger, upstream.Id, ex.GetType().Name);
            health?.LoopStopped($"polling of {upstream.Id}", ex.GetType().Name);
        }
    }

    private async Task PollLoopAsync(MonitoredUpstream upstream, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(upstream.IntervalSeconds), time);
        do
        {
            await PollOnceAsync(upstream, stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Polling upstream {Upstream} stopped: {Reason}. It is not polled until a restart")]
    private static partial void LogLoopStopped(ILogger logger, string upstream, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "No upstream has Poll: true: upstream feeds are not polled (set StatusBot:Upstreams[].Poll to turn it on)")]
    private static partial void LogNoPolling(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upstream {Upstream} reported a change (indicator {Indicator})")]
    private static partial void LogChanged(ILogger logger, string upstream, string indicator);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling upstream {Upstream} failed: {Reason}; trying again on the next tick")]
    private static partial void LogFailed(ILogger logger, string upstream, string reason, Exception? exception);
}
