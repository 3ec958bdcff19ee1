using System.Net;
using System.Net.Sockets;
using System.Text;

namespace StatusBot.Monitoring.Tests;

/// <summary>
/// A real HTTP/1.1 server on a free 127.0.0.1 port that answers one document to every request and keeps each request's
/// headers as they arrived on the wire, so tests see what a provider's server would see.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly TaskCompletionSource<Dictionary<string, string>> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _body;
    private readonly string _mediaType;
    private Task _loop = Task.CompletedTask;

    private LoopbackServer(string body, string mediaType)
    {
        _body = body;
        _mediaType = mediaType;
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";

    public static Task<LoopbackServer> StartAsync(string body, string mediaType)
    {
        var server = new LoopbackServer(body, mediaType);
        server._listener.Start();
        server._loop = server.AcceptAsync();
        return Task.FromResult(server);
    }

    /// <summary>The first request's headers, by name (case-insensitive).</summary>
    public Task<Dictionary<string, string>> RequestHeadersAsync() => _first.Task.WaitAsync(TimeSpan.FromSeconds(10));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped while waiting for a connection.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            _ = await reader.ReadLineAsync(_stop.Token);
            while (await reader.ReadLineAsync(_stop.Token) is { Length: > 0 } line)
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                headers[line[..colon]] = line[(colon + 1)..].Trim();
            }

            _first.TrySetResult(headers);
            var body = Encoding.UTF8.GetBytes(_body);
            var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: {_mediaType}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
            await stream.WriteAsync(head, _stop.Token);
            await stream.WriteAsync(body, _stop.Token);
            await stream.FlushAsync(_stop.Token);
        }
    }
}
