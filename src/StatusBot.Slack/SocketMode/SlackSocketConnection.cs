using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using StatusBot.Slack.Json;

namespace StatusBot.Slack.SocketMode;

/// <summary>
/// One Socket Mode WebSocket: waits for <c>hello</c>, hands every envelope to the handler without blocking the reader,
/// sends each ack (one send at a time), and reports when Slack asks for a new connection or the socket ends.
/// </summary>
internal sealed partial class SlackSocketConnection(ClientWebSocket socket, SlackEnvelopeHandler handler, ILogger logger, int number) : IAsyncDisposable
{
    private const int MaxFrameBytes = 4 << 20;

    private readonly SemaphoreSlim _send = new(1, 1);
    private readonly TaskCompletionSource _hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _refresh = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _inFlight = [];
    private Task _reader = Task.CompletedTask;

    public int Number => number;

    /// <summary>Completes with the reason when Slack sends <c>disconnect</c> (<c>warning</c>, <c>refresh_requested</c>…).</summary>
    public Task<string> RefreshRequested => _refresh.Task;

    /// <summary>Completes when the socket is closed or broken.</summary>
    public Task Ended => _reader;

    public Task Hello => _hello.Task;

    public void Start() => _reader = ReadLoopAsync(_stop.Token);

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (socket.State == WebSocketState.Open && !cancellationToken.IsCancellationRequested)
            {
                using var frame = new MemoryStream();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
                    if (frame.Length + result.Count > MaxFrameBytes)
                    {
                        throw new WebSocketException("Socket Mode frame too large.");
                    }

                    frame.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                OnFrame(frame.ToArray());
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            LogEnded(logger, number, ex.Message);
        }
        finally
        {
            _hello.TrySetException(new WebSocketException("Socket Mode connection ended before hello."));
        }
    }

    private void OnFrame(byte[] bytes)
    {
        SocketFrame? frame;
        try
        {
            frame = JsonSerializer.Deserialize(bytes, SlackJsonContext.Default.SocketFrame);
        }
        catch (JsonException)
        {
            return;
        }

        switch (frame)
        {
            case { Type: "hello" }:
                _hello.TrySetResult();
                break;
            case { Type: "disconnect" }:
                LogDisconnect(logger, number, frame.Reason);
                _refresh.TrySetResult(frame.Reason ?? "");
                break;
            case { EnvelopeId: { Length: > 0 } }:
                lock (_inFlight)
                {
                    _inFlight.RemoveAll(t => t.IsCompleted);
                    _inFlight.Add(AnswerAsync(frame));
                }

                break;
        }
    }

    private async Task AnswerAsync(SocketFrame envelope)
    {
        try
        {
            var ack = await handler.HandleAsync(envelope, CancellationToken.None);
            var bytes = JsonSerializer.SerializeToUtf8Bytes(ack, SlackJsonContext.Default.SocketAck);
            await _send.WaitAsync();
            try
            {
                await socket.SendAsync(bytes, WebSocketMessageType.Text, true, CancellationToken.None);
            }
            finally
            {
                _send.Release();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The socket went away before the ack: Slack redelivers the envelope on the next connection.
            LogAckLost(logger, envelope.EnvelopeId!, ex.Message);
        }
    }

    /// <summary>Lets envelopes in hand finish and be acknowledged, then closes the socket.</summary>
    public async Task CloseAsync()
    {
        Task[] pending;
        lock (_inFlight)
        {
            pending = [.. _inFlight];
        }

        await Task.WhenAll(pending);
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "refresh", timeout.Token);
                await _reader.WaitAsync(timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or TimeoutException)
        {
        }

        await _stop.CancelAsync();
        await _reader;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        socket.Abort();
        await _reader;
        socket.Dispose();
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack Socket Mode connection {Number} ended: {Reason}")]
    private static partial void LogEnded(ILogger logger, int number, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack asked Socket Mode connection {Number} to go ({Reason}); opening a new one first")]
    private static partial void LogDisconnect(ILogger logger, int number, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ack of Slack envelope {EnvelopeId} lost: {Reason}")]
    private static partial void LogAckLost(ILogger logger, string envelopeId, string reason);
}
