using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace StatusBot.Host.Tests.Security;

/// <summary>
/// Broken HTTP framing sent by a raw TCP client to the real Kestrel: a chunk size that overflows, a body that trickles in
/// under Kestrel's minimum data rate. Every route that takes a body answers 400 or 408, never 500, and the log gets at most
/// one line per request, without a stack trace.
/// </summary>
public sealed class RequestFramingTests(SecuredServeFixture serve) : IClassFixture<SecuredServeFixture>
{
    [Fact]
    public async Task EveryBodyRoute_OverflowingChunkSize_Is400WithOneLogLineAtMost()
    {
        var failures = new List<string>();
        foreach (var (method, pattern) in serve.BodyRoutes())
        {
            var before = serve.Board.Current;
            var logged = serve.Logs.Count;
            var path = SecuredServeFixture.PathOf(pattern);
            var head = $"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
                $"Authorization: Bearer {serve.AdminToken}\r\nTransfer-Encoding: chunked\r\n\r\n";

            var status = await SendAsync(head + "fffffffffffffffffffffffff\r\n{}\r\n0\r\n\r\n", trickle: false);

            if (status != 400)
            {
                failures.Add($"{method} {path}: {status}");
            }

            failures.AddRange(Noise(logged).Select(line => $"{method} {path} logged: {line}"));
            Assert.Same(before, serve.Board.Current);
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task BodyRoute_BodyUnderTheMinimumDataRate_Is408WithOneLogLineAtMost()
    {
        var logged = serve.Logs.Count;
        var head = "POST /api/admin/incidents HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
            $"Authorization: Bearer {serve.AdminToken}\r\nContent-Length: 1000\r\n\r\n{{";

        // Kestrel's default minimum is 240 bytes a second after a 5-second grace period; one byte a second is far below it.
        var status = await SendAsync(head, trickle: true);

        Assert.Equal(408, status);
        var noise = Noise(logged);
        Assert.True(noise.Count == 0, string.Join("\n", noise));
    }

    /// <summary>
    /// Log lines since <paramref name="from"/> that an operator would see (Information and up, Microsoft.AspNetCore's from
    /// Warning, as serve filters them), beyond the one line a refused request may leave: every line at Warning or above,
    /// any line with an exception, and any second line.
    /// </summary>
    private List<string> Noise(int from)
    {
        var lines = serve.Logs.Skip(from)
            .Where(l => l.Level >= (l.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) ? LogLevel.Warning : LogLevel.Information))
            .ToList();
        var noise = lines.Where(l => l.Level >= LogLevel.Warning || l.Exception is not null).Select(l => $"{l.Level} {l.Category}: {l.Message} {l.Exception}").ToList();
        if (lines.Count > 1)
        {
            noise.Add($"{lines.Count} lines: " + string.Join(" / ", lines.Select(l => l.Message)));
        }

        return noise;
    }

    /// <summary>Sends the bytes on a fresh connection and returns the answer's status code (0 if the connection closed without one).</summary>
    private async Task<int> SendAsync(string request, bool trickle)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(serve.Client.BaseAddress!.Host, serve.Client.BaseAddress.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var buffer = new byte[4096];
        var read = stream.ReadAsync(buffer, timeout.Token).AsTask();
        while (trickle && !read.IsCompleted)
        {
            try
            {
                await stream.WriteAsync("a"u8.ToArray(), timeout.Token);
            }
            catch (IOException)
            {
                break;
            }

            await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(1), timeout.Token));
        }

        int n;
        try
        {
            n = await read;
        }
        catch (IOException)
        {
            return 0;
        }

        var answer = Encoding.ASCII.GetString(buffer, 0, n);
        return answer.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) ? int.Parse(answer.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture) : 0;
    }
}
