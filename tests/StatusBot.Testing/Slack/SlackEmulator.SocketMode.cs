using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace StatusBot.Testing.Slack;

/// <summary>The Socket Mode side of the emulator: a WebSocket server that says hello, sends scripted frames and records acks.</summary>
public sealed partial class SlackEmulator
{
    public const string HelloFrame =
        """{"type":"hello","num_connections":1,"debug_info":{"host":"applink-emulator","build_number":10,"approximate_connection_time":18060},"connection_info":{"app_id":"A111"}}""";

    private readonly ConcurrentQueue<SlackSocket> _sockets = new();
    private readonly ConcurrentQueue<SlackSocketAck> _acks = new();
    private int _tickets;

    /// <summary>Every Socket Mode connection made so far, oldest first.</summary>
    public IReadOnlyList<SlackSocket> Sockets => [.. _sockets];

    /// <summary>Every envelope acknowledgement received, in order.</summary>
    public IReadOnlyList<SlackSocketAck> Acks => [.. _acks];

    /// <summary>Waits for the <paramref name="count"/>-th connection (1-based) and returns it.</summary>
    public async Task<SlackSocket> WaitForSocketAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = _clock.Elapsed + (timeout ?? TimeSpan.FromSeconds(10));
        while (_sockets.Count < count)
        {
            if (_clock.Elapsed > deadline)
            {
                throw new TimeoutException($"Only {_sockets.Count} Socket Mode connection(s), expected {count}.");
            }

            await Task.Delay(20);
        }

        return Sockets[count - 1];
    }

    /// <summary>Waits for the acknowledgement of <paramref name="envelopeId"/> (on connection <paramref name="connection"/>, 1-based, when given).</summary>
    public async Task<SlackSocketAck> WaitForAckAsync(string envelopeId, TimeSpan? timeout = null, int? connection = null)
    {
        var deadline = _clock.Elapsed + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            if (_acks.FirstOrDefault(a => a.EnvelopeId == envelopeId && (connection is null || a.Connection == connection)) is { } ack)
            {
                return ack;
            }

            if (_clock.Elapsed > deadline)
            {
                throw new TimeoutException($"No ack for envelope {envelopeId}{(connection is null ? "" : " on connection " + connection)}.");
            }

            await Task.Delay(20);
        }
    }

    private string SocketUrl() => "ws" + Root["http".Length..] + "link?ticket=" + Interlocked.Increment(ref _tickets);

    private async Task SocketAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        using var ws = await context.WebSockets.AcceptWebSocketAsync();
        var socket = new SlackSocket(ws, _sockets.Count + 1) { OpenedAt = _clock.Elapsed };
        _sockets.Enqueue(socket);
        await socket.SendAsync(HelloFrame);
        var buffer = new byte[64 * 1024];
        try
        {
            while (ws.State == WebSocketState.Open)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await ws.ReceiveAsync(buffer, context.RequestAborted);
                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    break;
                }

                var text = Encoding.UTF8.GetString(message.ToArray());
                using var json = JsonDocument.Parse(text);
                if (json.RootElement.TryGetProperty("envelope_id", out var id))
                {
                    _acks.Enqueue(new SlackSocketAck(id.GetString()!, socket.Number, text));
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
        finally
        {
            socket.ClosedAt = _clock.Elapsed;
            socket.Closed.TrySetResult();
        }
    }
}

/// <summary>An envelope acknowledgement: which envelope, on which connection, and the raw frame (with any payload).</summary>
public sealed record SlackSocketAck(string EnvelopeId, int Connection, string Frame)
{
    public JsonElement? Payload => JsonDocument.Parse(Frame).RootElement.TryGetProperty("payload", out var p) ? p : null;
}

/// <summary>One Socket Mode connection, server side: send frames to the app, or drop it.</summary>
public sealed class SlackSocket(WebSocket ws, int number)
{
    private readonly SemaphoreSlim _send = new(1, 1);

    public int Number => number;

    /// <summary>When the app connected, on the emulator's clock.</summary>
    public TimeSpan OpenedAt { get; init; }

    /// <summary>When the connection ended, on the emulator's clock.</summary>
    public TimeSpan? ClosedAt { get; set; }

    public TaskCompletionSource Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task SendAsync(string frame)
    {
        await _send.WaitAsync();
        try
        {
            await ws.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _send.Release();
        }
    }

    /// <summary>Sends Slack's <c>disconnect</c> frame with <paramref name="reason"/> (<c>warning</c>, <c>refresh_requested</c>…).</summary>
    public Task DisconnectAsync(string reason) =>
        SendAsync($$$"""{"type":"disconnect","reason":"{{{reason}}}","debug_info":{"host":"applink-emulator"}}""");

    /// <summary>Drops the connection without a word, as a network failure would.</summary>
    public void Abort() => ws.Abort();
}
