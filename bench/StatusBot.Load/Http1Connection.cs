using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace StatusBot.Load;

/// <summary>A request's bytes on the wire: the request line, headers and body of a <see cref="PreparedRequest"/>, built once before the run.</summary>
public static class Http1Request
{
    public static byte[] Encode(PreparedRequest request)
    {
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"POST {request.Url.PathAndQuery} HTTP/1.1\r\n");
        head.Append(CultureInfo.InvariantCulture, $"Host: {request.Url.Authority}\r\n");
        head.Append(CultureInfo.InvariantCulture, $"Content-Type: {request.ContentType}\r\n");
        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {request.Body.Length}\r\n");
        foreach (var (name, value) in request.Headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        head.Append("\r\n");
        return [.. Encoding.ASCII.GetBytes(head.ToString()), .. request.Body];
    }
}

/// <summary>
/// What came back for one request: the status code, the body's length, and the server's own time for it in milliseconds
/// when the answer carries <c>Server-Timing: app;dur=…</c> (the admin API's do).
/// </summary>
public readonly record struct Http1Response(int Status, int BodyLength, double? ServerMilliseconds = null);

/// <summary>
/// One keep-alive HTTP/1.1 connection that sends prepared bytes and reads one answer at a time (no pipelining), as a
/// platform's client does on each of its pooled connections. It parses only what it needs: the status code, and the end
/// of the answer from <c>Content-Length</c> or chunked framing. The load generator uses it instead of
/// <see cref="HttpClient"/> because on a 2-core machine the generator's CPU is taken from the server it measures, and this
/// costs a fraction of a general-purpose client per request.
/// </summary>
public sealed class Http1Connection(EndPoint server) : IAsyncDisposable
{
    private static ReadOnlySpan<byte> HeaderEnd => "\r\n\r\n"u8;

    private Socket? _socket;
    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    /// <summary>Opens the connection now (a run opens its pool before the clock starts, as a platform's pool is already open when a crowd comes).</summary>
    public async Task OpenAsync(CancellationToken cancellationToken) => _socket ??= await ConnectAsync(cancellationToken);

    /// <summary>Sends <paramref name="request"/> and reads its whole answer. On any failure the connection is closed; the next call opens a new one.</summary>
    public async Task<Http1Response> SendAsync(byte[] request, CancellationToken cancellationToken)
    {
        try
        {
            var socket = _socket ??= await ConnectAsync(cancellationToken);
            await socket.SendAsync(request, SocketFlags.None, cancellationToken);
            var response = await ReadResponseAsync(socket, cancellationToken);
            if (response.Close)
            {
                Close();
            }

            return new Http1Response(response.Status, response.BodyLength, response.ServerMilliseconds);
        }
        catch
        {
            Close();
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }

    private void Close()
    {
        _socket?.Dispose();
        _socket = null;
        (_start, _end) = (0, 0);
    }

    private async Task<Socket> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(server, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task<(int Status, int BodyLength, bool Close, double? ServerMilliseconds)> ReadResponseAsync(Socket socket, CancellationToken cancellationToken)
    {
        int headerLength;
        while ((headerLength = _buffer.AsSpan(_start, _end - _start).IndexOf(HeaderEnd)) < 0)
        {
            await FillAsync(socket, cancellationToken);
        }

        var (status, contentLength, chunked, close, server) = ParseHead(_buffer.AsSpan(_start, headerLength));
        _start += headerLength + HeaderEnd.Length;
        if (!chunked)
        {
            var length = contentLength ?? throw new IOException("an answer without Content-Length or chunked framing");
            await SkipAsync(socket, length, cancellationToken);
            return (status, length, close, server);
        }

        var body = 0;
        while (true)
        {
            int lineEnd;
            while ((lineEnd = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8)) < 0)
            {
                await FillAsync(socket, cancellationToken);
            }

            var sizeText = _buffer.AsSpan(_start, lineEnd);
            var extension = sizeText.IndexOf((byte)';');
            var hex = (extension >= 0 ? sizeText[..extension] : sizeText).Trim((byte)' ');
            if (!Utf8Parser.TryParse(hex, out int size, out var used, 'x') || used != hex.Length)
            {
                throw new IOException("a malformed chunk size");
            }

            _start += lineEnd + 2;
            await SkipAsync(socket, size + 2, cancellationToken);
            if (size == 0)
            {
                return (status, body, close, server);
            }

            body += size;
        }
    }

    /// <summary>Consumes <paramref name="count"/> bytes, reading more as needed.</summary>
    private async Task SkipAsync(Socket socket, int count, CancellationToken cancellationToken)
    {
        while (_end - _start < count)
        {
            count -= _end - _start;
            (_start, _end) = (0, 0);
            await FillAsync(socket, cancellationToken);
        }

        _start += count;
    }

    private async Task FillAsync(Socket socket, CancellationToken cancellationToken)
    {
        if (_start == _end)
        {
            (_start, _end) = (0, 0);
        }
        else if (_end == _buffer.Length)
        {
            var kept = _end - _start;
            if (kept == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }
            else
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, kept);
                (_start, _end) = (0, kept);
            }
        }

        var read = await socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken);
        if (read == 0)
        {
            throw new IOException("the server closed the connection");
        }

        _end += read;
    }

    /// <summary>
    /// The status code, framing and server time (<c>Server-Timing</c>'s <c>app</c> metric) of an answer's head (status
    /// line and headers, without the blank line).
    /// </summary>
    public static (int Status, int? ContentLength, bool Chunked, bool Close, double? ServerMilliseconds) ParseHead(ReadOnlySpan<byte> head)
    {
        var lineEnd = head.IndexOf("\r\n"u8);
        var statusLine = lineEnd < 0 ? head : head[..lineEnd];
        if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1."u8) || !Utf8Parser.TryParse(statusLine.Slice(9, 3), out int status, out var digits) || digits != 3)
        {
            throw new IOException("a malformed status line: " + Encoding.ASCII.GetString(statusLine));
        }

        int? contentLength = null;
        double? server = null;
        var (chunked, close) = (false, false);
        var rest = lineEnd < 0 ? [] : head[(lineEnd + 2)..];
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf("\r\n"u8);
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ');
            if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8) && Utf8Parser.TryParse(value, out int length, out var used) && used == value.Length)
            {
                contentLength = length;
            }
            else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
            {
                chunked = value.IndexOf("chunked"u8) >= 0;
            }
            else if (Ascii.EqualsIgnoreCase(name, "Connection"u8))
            {
                close = Ascii.EqualsIgnoreCase(value, "close"u8);
            }
            else if (Ascii.EqualsIgnoreCase(name, "Server-Timing"u8))
            {
                server = AppDuration(value) ?? server;
            }
        }

        return (status, contentLength, chunked, close, server);
    }

    /// <summary>The <c>dur</c> of the <c>app</c> metric in a <c>Server-Timing</c> value (<c>app;dur=3.2, db;dur=1</c>), if any.</summary>
    private static double? AppDuration(ReadOnlySpan<byte> value)
    {
        foreach (var range in value.Split((byte)','))
        {
            var metric = value[range].Trim((byte)' ');
            if (!metric.StartsWith("app;"u8))
            {
                continue;
            }

            foreach (var part in metric.Split((byte)';'))
            {
                var parameter = metric[part].Trim((byte)' ');
                if (parameter.StartsWith("dur="u8) && Utf8Parser.TryParse(parameter[4..], out double milliseconds, out var used) && used == parameter.Length - 4)
                {
                    return milliseconds;
                }
            }
        }

        return null;
    }
}
