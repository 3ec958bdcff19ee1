using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using StatusBot.Host.Web;

namespace StatusBot.Host.Tests.Security;

/// <summary>Wrong admin API tokens in bulk from one address, through the real app and Kestrel.</summary>
public sealed class FailedTokenThrottleTests(FailedTokenThrottleTests.Fixture serve) : IClassFixture<FailedTokenThrottleTests.Fixture>
{
    [Fact]
    public async Task AdminApi_ThousandWrongTokens_ThrottledAfterTenWithFewLogLinesAndOtherAddressesUnaffected()
    {
        var warningsBefore = Warnings().Count;

        var statuses = new List<HttpStatusCode>();
        string? retryAfter = null;
        for (var i = 0; i < 1000; i++)
        {
            using var response = await serve.Client.SendAsync(Open("wrong-token-" + i));
            statuses.Add(response.StatusCode);
            retryAfter ??= response.Headers.RetryAfter?.ToString();
        }

        using var rightFromTheSameAddress = await serve.Client.SendAsync(Open(serve.AdminToken));
        using var elsewhere = From(IPAddress.Parse("127.0.0.2"));
        using var rightFromAnotherAddress = await elsewhere.SendAsync(Open(serve.AdminToken));
        serve.Time.Advance(FailedTokenThrottle.Window);
        var warnings = await WaitForWarningsAsync(warningsBefore + 2);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 10), statuses.Take(10));
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 990), statuses.Skip(10));
        Assert.Equal("60", retryAfter);
        Assert.Equal(HttpStatusCode.TooManyRequests, rightFromTheSameAddress.StatusCode);
        Assert.Equal(HttpStatusCode.Created, rightFromAnotherAddress.StatusCode);
        Assert.Equal(2, warnings.Count - warningsBefore);
        Assert.Contains("from 127.0.0.1", warnings[^2].Message, StringComparison.Ordinal);
        Assert.Contains("9 more requests refused for a missing or wrong token and 991 answered 429", warnings[^1].Message, StringComparison.Ordinal);
    }

    private List<CapturedLog> Warnings() => [.. serve.Logs.Where(l => l.Level >= LogLevel.Warning)];

    private async Task<List<CapturedLog>> WaitForWarningsAsync(int count)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (Warnings().Count < count && DateTime.UtcNow < until)
        {
            await Task.Delay(10);
        }

        return Warnings();
    }

    private static HttpRequestMessage Open(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/incidents")
        {
            Content = new StringContent("""{"services":["streaming"],"impact":"minor","title":"Slow start"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        return request;
    }

    /// <summary>A client whose connections leave from <paramref name="local"/> (any 127.x address is loopback on Linux).</summary>
    private HttpClient From(IPAddress local) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(local, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = serve.Client.BaseAddress };

    /// <summary>Its own app, with the failed-token limit at its default.</summary>
    public sealed class Fixture : SecuredServeFixture
    {
        protected override Dictionary<string, string?> Settings { get; } = new() { ["StatusBot:RateLimit:CommandsPerMinute"] = "0" };
    }
}
