using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace StatusBot.Testing.Discord;

public sealed partial class DiscordEmulator
{
    public const string SessionId = "emulated-session";

    private readonly ConcurrentQueue<GatewayFrame> _gatewayFrames = new();
    private Channel<GatewayCommand>? _gatewayOut;
    private long _gatewaySequence;
    private int _connections;

    /// <summary>Heartbeat interval announced in Hello.</summary>
    public int HeartbeatIntervalMs { get; set; } = 45_000;

    /// <summary>When false, heartbeats get no ACK (a zombie connection).</summary>
    public bool AckHeartbeats { get; set; } = true;

    /// <summary>Frames the bot sent, with the number of the connection they came on (1, 2, …).</summary>
    public IReadOnlyList<GatewayFrame> GatewayFrames => [.. _gatewayFrames];

    public int GatewayConnections => Volatile.Read(ref _connections);

    public long GatewaySequence => Interlocked.Read(ref _gatewaySequence);

    /// <summary>Sends a dispatch (op 0) with the next sequence number on the open connection.</summary>
    public void Dispatch(string type, JsonObject data) =>
        Push(new GatewayCommand(new JsonObject { ["op"] = 0, ["t"] = type, ["s"] = Interlocked.Increment(ref _gatewaySequence), ["d"] = data }, null));

    /// <summary>Sends any frame as is (op 7 reconnect, op 9 invalid session, op 1 heartbeat request).</summary>
    public void SendFrame(JsonObject frame) => Push(new GatewayCommand(frame, null));

    /// <summary>Closes the open connection with a close code (4004 authentication failed, 4000 unknown error…).</summary>
    public void CloseGateway(int code) => Push(new GatewayCommand(null, code));

    private void Push(GatewayCommand command) =>
        (_gatewayOut ?? throw new InvalidOperationException("No gateway connection.")).Writer.TryWrite(command);

    private async Task GatewayAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = Interlocked.Increment(ref _connections);
        var outbound = Channel.CreateUnbounded<GatewayCommand>();
        _gatewayOut = outbound;
        using var done = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var writer = WriteLoopAsync(socket, outbound.Reader, done.Token);
        outbound.Writer.TryWrite(new GatewayCommand(new JsonObject { ["op"] = 10, ["d"] = new JsonObject { ["heartbeat_interval"] = HeartbeatIntervalMs } }, null));
        try
        {
            var buffer = new byte[16 * 1024];
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, done.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                var frame = JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, result.Count))!.AsObject();
                _gatewayFrames.Enqueue(new GatewayFrame(connection, frame));
                Answer(frame, outbound.Writer);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
        finally
        {
            outbound.Writer.TryComplete();
            await done.CancelAsync();
            await writer;
        }
    }

    private void Answer(JsonObject frame, ChannelWriter<GatewayCommand> outbound)
    {
        switch (frame["op"]?.GetValue<int>())
        {
            case 1 when AckHeartbeats:
                outbound.TryWrite(new GatewayCommand(new JsonObject { ["op"] = 11 }, null));
                break;
            case 2:
                var ready = new JsonObject
                {
                    ["v"] = 10,
                    ["session_id"] = SessionId,
                    ["resume_gateway_url"] = "ws://" + Root.Authority + "/gateway",
                    ["user"] = new JsonObject { ["id"] = "1", ["username"] = "StatusBot", ["bot"] = true },
                    ["application"] = new JsonObject { ["id"] = DiscordPayloads.ApplicationId },
                };
                outbound.TryWrite(new GatewayCommand(new JsonObject { ["op"] = 0, ["t"] = "READY", ["s"] = Interlocked.Increment(ref _gatewaySequence), ["d"] = ready }, null));
                break;
            case 6:
                outbound.TryWrite(new GatewayCommand(new JsonObject { ["op"] = 0, ["t"] = "RESUMED", ["s"] = Interlocked.Increment(ref _gatewaySequence), ["d"] = new JsonObject() }, null));
                break;
        }
    }

    private static async Task WriteLoopAsync(WebSocket socket, ChannelReader<GatewayCommand> commands, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var command in commands.ReadAllAsync(cancellationToken))
            {
                if (command.CloseCode is { } code)
                {
                    await socket.CloseOutputAsync((WebSocketCloseStatus)code, "scripted", cancellationToken);
                    return;
                }

                await socket.SendAsync(Encoding.UTF8.GetBytes(command.Frame!.ToJsonString()), WebSocketMessageType.Text, true, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
    }

    private sealed record GatewayCommand(JsonObject? Frame, int? CloseCode);
}

/// <summary>One frame the bot sent to the emulated gateway.</summary>
public sealed record GatewayFrame(int Connection, JsonObject Frame)
{
    public int Op => Frame["op"]!.GetValue<int>();
}
