using System.Net.WebSockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StatusBot.Slack.Configuration;
using StatusBot.Slack.WebApi;

namespace StatusBot.Slack.SocketMode;

/// <summary>
/// Socket Mode (when <c>Slack:AppToken</c> is set): a fresh URL from <c>apps.connections.open</c> for every connection,
/// <c>hello</c> awaited, envelopes answered by the same handlers as HTTP mode. On <c>disconnect</c> the new connection is
/// opened before the old one is closed; a lost connection is replaced after a jittered backoff. WebSocket keep-alive
/// pings detect a dead peer.
/// </summary>
public sealed partial class SlackSocketModeService(
    ISlackWebApi api,
    SlackEnvelopeHandler handler,
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackSocketModeService> logger) : BackgroundService
{
    private static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private int _connections;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Enabled || !o.SocketMode)
        {
            return;
        }

        SlackSocketConnection? current = null;
        var failures = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (current is null)
                {
                    current = await TryConnectAsync(stoppingToken);
                    if (current is null)
                    {
                        await Task.Delay(Backoff(++failures), time, stoppingToken);
                        continue;
                    }

                    failures = 0;
                }

                var ended = await Task.WhenAny(current.RefreshRequested, current.Ended).WaitAsync(stoppingToken);
                if (ended == current.Ended)
                {
                    await current.DisposeAsync();
                    current = null;
                    await Task.Delay(Backoff(++failures), time, stoppingToken);
                    continue;
                }

                // Slack will close this one soon: open the next before letting it go, so nothing falls in between.
                var next = await TryConnectAsync(stoppingToken);
                var old = current;
                current = next;
                await old.CloseAsync();
                await old.DisposeAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (current is not null)
            {
                await current.CloseAsync();
                await current.DisposeAsync();
            }
        }
    }

    private async Task<SlackSocketConnection?> TryConnectAsync(CancellationToken cancellationToken)
    {
        var opened = await api.OpenConnectionAsync(cancellationToken);
        if (!opened.Ok || !Uri.TryCreate(opened.Url, UriKind.Absolute, out var url) || url.Scheme is not ("wss" or "ws"))
        {
            LogOpenFailed(logger, opened.Error ?? "no url");
            return null;
        }

        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(10);
        socket.Options.KeepAliveTimeout = TimeSpan.FromSeconds(30);
        var connection = new SlackSocketConnection(socket, handler, logger, Interlocked.Increment(ref _connections));
        try
        {
            await socket.ConnectAsync(url, cancellationToken);
            connection.Start();
            await connection.Hello.WaitAsync(HelloTimeout, time, cancellationToken);
            LogConnected(logger, connection.Number);
            return connection;
        }
        catch (Exception ex) when (ex is WebSocketException or TimeoutException or HttpRequestException)
        {
            LogConnectFailed(logger, ex.Message);
            await connection.DisposeAsync();
            return null;
        }
    }

    /// <summary>0.5 s, 1 s, 2 s… up to 30 s, each between half and the whole of it, so many bots do not come back in step.</summary>
    private static TimeSpan Backoff(int failures)
    {
        var ceiling = Math.Min(MaxBackoff.TotalSeconds, 0.5 * Math.Pow(2, Math.Min(failures - 1, 10)));
        return TimeSpan.FromSeconds(ceiling * (0.5 + (Random.Shared.NextDouble() * 0.5)));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack Socket Mode connection {Number} ready")]
    private static partial void LogConnected(ILogger logger, int number);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack apps.connections.open failed: {Error}")]
    private static partial void LogOpenFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode connection failed: {Reason}")]
    private static partial void LogConnectFailed(ILogger logger, string reason);
}
