using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using StatusBot.Discord.Wire;

namespace StatusBot.Discord.Gateway;

internal sealed partial class DiscordGateway
{
    private const WebSocketCloseStatus Reconnecting = (WebSocketCloseStatus)4000;

    private async Task<Next> RunConnectionAsync(ClientWebSocket socket, bool resume, CancellationToken cancellationToken)
    {
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sending = new SemaphoreSlim(1, 1);
        var hello = await ReceiveAsync(socket, cancellationToken);
        if (hello is not { Op: (int)GatewayOpcode.Hello } || hello.D is not { } helloData || !helloData.TryGetProperty("heartbeat_interval", out var intervalProperty))
        {
            return Next.Resume;
        }

        var interval = TimeSpan.FromMilliseconds(intervalProperty.GetInt32());
        var acknowledged = new StrongBox<bool>(true);
        var heartbeats = HeartbeatAsync(socket, sending, interval, acknowledged, connection);
        try
        {
            await SendAsync(socket, sending, resume ? ResumeFrame() : IdentifyFrame(), connection.Token);
            LogConnected(logger, resume ? "resume" : "identify");
            while (true)
            {
                var payload = await ReceiveAsync(socket, connection.Token);
                if (payload is null)
                {
                    return Closed(socket.CloseStatus is { } status ? (int)status : 1006);
                }

                if (payload.S is { } sequence)
                {
                    Remember(sequence);
                }

                switch ((GatewayOpcode)payload.Op)
                {
                    case GatewayOpcode.Dispatch:
                        OnDispatch(payload);
                        break;
                    case GatewayOpcode.Heartbeat:
                        await SendAsync(socket, sending, HeartbeatFrame(), connection.Token);
                        break;
                    case GatewayOpcode.Reconnect:
                        LogReconnectAsked(logger);
                        await CloseAsync(socket, cancellationToken);
                        return Next.Resume;
                    case GatewayOpcode.InvalidSession:
                        var resumable = payload.D is { ValueKind: JsonValueKind.True };
                        LogInvalidSession(logger, resumable);
                        await CloseAsync(socket, cancellationToken);
                        return resumable ? Next.Resume : Next.Identify;
                    case GatewayOpcode.HeartbeatAck:
                        acknowledged.Value = true;
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The heartbeat loop saw no ACK: a zombie connection. Drop it and resume on a new one.
            LogZombie(logger);
            return Next.Resume;
        }
        finally
        {
            await connection.CancelAsync();
            await heartbeats;
        }
    }

    private Next Closed(int code)
    {
        if (GatewayFatalException.IsFatal(code))
        {
            throw new GatewayFatalException(code, $"Discord gateway closed with {code}: {GatewayFatalException.Explain(code)}. Not reconnecting.");
        }

        LogClosed(logger, code);

        // Invalid sequence and session timeout cannot be resumed.
        return code is 4007 or 4009 ? Next.Identify : Next.Resume;
    }

    private void OnDispatch(GatewayPayload payload)
    {
        if (payload.T == "READY" && payload.D is { } ready)
        {
            _sessionId = ready.TryGetProperty("session_id", out var session) ? session.GetString() : null;
            _resumeUrl = ready.TryGetProperty("resume_gateway_url", out var url) ? url.GetString() : null;
            _botUserId = ready.TryGetProperty("user", out var user) && user.TryGetProperty("id", out var id) ? id.GetString() : null;
            LogReady(logger, _sessionId);
            return;
        }

        if (payload.T is { } type && payload.D is { } data)
        {
            dispatcher.Dispatch(type, data.Clone(), _botUserId);
        }
    }

    private async Task HeartbeatAsync(ClientWebSocket socket, SemaphoreSlim sending, TimeSpan interval, StrongBox<bool> acknowledged, CancellationTokenSource connection)
    {
        try
        {
            // The first beat is jittered so that many bots restarting at once do not beat in step.
            await Task.Delay(interval * Random.Shared.NextDouble(), time, connection.Token);
            while (true)
            {
                if (!acknowledged.Value)
                {
                    await connection.CancelAsync();
                    return;
                }

                acknowledged.Value = false;
                await SendAsync(socket, sending, HeartbeatFrame(), connection.Token);
                await Task.Delay(interval, time, connection.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }
    }

    private static async Task SendAsync(ClientWebSocket socket, SemaphoreSlim sending, System.Text.Json.Nodes.JsonObject frame, CancellationToken cancellationToken)
    {
        await sending.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(Utf8(frame), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            sending.Release();
        }
    }

    private static async Task CloseAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        // Not 1000/1001: those would end the session, and we want to resume it.
        if (socket.State == WebSocketState.Open)
        {
            await socket.CloseOutputAsync(Reconnecting, "reconnecting", cancellationToken);
        }
    }

    private static async Task<GatewayPayload?> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        using var frame = new MemoryStream();
        var buffer = new byte[8192];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            if (frame.Length + result.Count > MaxFrameBytes)
            {
                throw new WebSocketException("Gateway frame too large.");
            }

            frame.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return JsonSerializer.Deserialize(frame.GetBuffer().AsSpan(0, (int)frame.Length), DiscordJsonContext.Default.GatewayPayload);
            }
        }
    }

    private sealed class StrongBox<T>(T value)
    {
        public T Value { get; set; } = value;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord gateway connected ({Mode})")]
    private static partial void LogConnected(ILogger logger, string mode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord gateway ready (session {SessionId})")]
    private static partial void LogReady(ILogger logger, string? sessionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord gateway asked to reconnect (op 7)")]
    private static partial void LogReconnectAsked(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway invalid session (op 9, resumable {Resumable})")]
    private static partial void LogInvalidSession(ILogger logger, bool resumable);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway missed a heartbeat ACK; reconnecting")]
    private static partial void LogZombie(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway closed with {Code}; reconnecting")]
    private static partial void LogClosed(ILogger logger, int code);
}
