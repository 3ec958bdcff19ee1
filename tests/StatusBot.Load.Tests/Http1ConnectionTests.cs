using System.Net;
using System.Net.Sockets;
using System.Text;

namespace StatusBot.Load.Tests;

/// <summary>The load generator's HTTP/1.1 client: what it sends, how it finds the end of an answer, and keep-alive.</summary>
public sealed class Http1ConnectionTests
{
    [Fact]
    public void Encode_PreparedRequest_IsAPostWithItsHeadersAndExactBody()
    {
        var body = "token=x&text=status"u8.ToArray();
        var request = new PreparedRequest("slack", new Uri("http://127.0.0.1:5000/slack/commands"), body, "application/x-www-form-urlencoded",
            [("X-Slack-Signature", "v0=abc")], BadSignature: false);

        var wire = Encoding.ASCII.GetString(Http1Request.Encode(request));

        Assert.StartsWith("POST /slack/commands HTTP/1.1\r\nHost: 127.0.0.1:5000\r\n", wire, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Length: 19\r\n", wire, StringComparison.Ordinal);
        Assert.Contains("\r\nX-Slack-Signature: v0=abc\r\n", wire, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\ntoken=x&text=status", wire, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 42\r\nContent-Type: application/json", 200, 42, false, false)]
    [InlineData("HTTP/1.1 401 Unauthorized\r\ncontent-length: 0", 401, 0, false, false)]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked", 200, null, true, false)]
    [InlineData("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 7", 503, 7, false, true)]
    public void ParseHead_StatusAndFraming_AreRead(string head, int status, int? length, bool chunked, bool close)
    {
        var parsed = Http1Connection.ParseHead(Encoding.ASCII.GetBytes(head));

        Assert.Equal((status, length, chunked, close, (double?)null), parsed);
    }

    [Theory]
    [InlineData("Server-Timing: app;dur=3.25", 3.25)]
    [InlineData("server-timing: db;dur=1, app;desc=\"answer\";dur=12", 12.0)]
    [InlineData("Server-Timing: app", null)]
    [InlineData("Server-Timing: app;dur=soon", null)]
    [InlineData("Server-Timing: cache;dur=2", null)]
    [InlineData("X-Other: app;dur=5", null)]
    public void ParseHead_ServerTiming_AppDurationIsRead(string header, double? expected)
    {
        var parsed = Http1Connection.ParseHead(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n" + header));

        Assert.Equal(expected, parsed.ServerMilliseconds);
        Assert.Equal(2, parsed.ContentLength);
    }

    [Theory]
    [InlineData("")]
    [InlineData("SSH-2.0-OpenSSH")]
    [InlineData("HTTP/1.1 2xx OK")]
    public void ParseHead_NotAnHttpAnswer_IsAnError(string head)
    {
        Assert.Throws<IOException>(() => Http1Connection.ParseHead(Encoding.ASCII.GetBytes(head)));
    }

    [Fact]
    public async Task SendAsync_LengthThenChunkedAnswers_OnOneKeptAliveConnection()
    {
        // A scripted server: one connection, two requests, the first answered with Content-Length, the second chunked and
        // split across writes, as Kestrel and the peers answer.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var server = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            await ReadRequestAsync(stream);
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"u8.ToArray());
            await ReadRequestAsync(stream);
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nwiki\r\n"u8.ToArray());
            await stream.FlushAsync();
            await Task.Delay(50);
            await stream.WriteAsync("5;ext=1\r\npedia\r\n0\r\n\r\n"u8.ToArray());
            return listener.Pending();
        });
        await using var connection = new Http1Connection(listener.LocalEndpoint);
        var request = Http1Request.Encode(new PreparedRequest("slack", new Uri($"http://{listener.LocalEndpoint}/x"), [1, 2, 3], "application/octet-stream", [], false));

        var first = await connection.SendAsync(request, CancellationToken.None);
        var second = await connection.SendAsync(request, CancellationToken.None);

        Assert.Equal(new Http1Response(200, 5), first);
        Assert.Equal(new Http1Response(200, 9), second);
        Assert.False(await server, "a second connection was opened instead of keeping the first alive");
    }

    [Fact]
    public async Task SendAsync_ServerClosesMidAnswer_IsAConnectionError()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var server = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            await ReadRequestAsync(client.GetStream());
            await client.GetStream().WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort"u8.ToArray());
        });
        await using var connection = new Http1Connection(listener.LocalEndpoint);
        var request = Http1Request.Encode(new PreparedRequest("slack", new Uri($"http://{listener.LocalEndpoint}/x"), [], "text/plain", [], false));

        await Assert.ThrowsAsync<IOException>(() => connection.SendAsync(request, CancellationToken.None));
        await server;
    }

    /// <summary>Reads one request (head and Content-Length body) from the stream.</summary>
    private static async Task ReadRequestAsync(NetworkStream stream)
    {
        var seen = new List<byte>();
        var one = new byte[1];
        while (!seen.TakeLast(4).SequenceEqual("\r\n\r\n"u8.ToArray()))
        {
            Assert.Equal(1, await stream.ReadAsync(one));
            seen.Add(one[0]);
        }

        var head = Encoding.ASCII.GetString([.. seen]);
        var length = int.Parse(head.Split("\r\n").First(l => l.StartsWith("Content-Length:", StringComparison.Ordinal))[15..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var body = new byte[length];
        await stream.ReadExactlyAsync(body);
    }
}
