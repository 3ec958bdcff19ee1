using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StandardWebhooks;
using StatusBot.Core.Webhooks;
using StatusBot.Host.Configuration;

namespace StatusBot.Host.Webhooks;

/// <summary>How one attempt ended.</summary>
public enum WebhookOutcome
{
    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>429, 408, 5xx, a timeout or a connection error: try again later (after <see cref="WebhookAttempt.RetryAfter"/> when given).</summary>
    RetryLater,

    /// <summary>Any other answer (a 4xx, a redirect), or an address webhooks may not reach: not retried.</summary>
    Rejected,
}

/// <summary>One attempt: the receiver's status code (null when none came), what to do next, and why it failed.</summary>
public sealed record WebhookAttempt(WebhookOutcome Outcome, int? StatusCode, TimeSpan? RetryAfter = null, string? Error = null);

/// <summary>
/// Posts one webhook, signed per the Standard Webhooks specification (<c>webhook-id</c>, <c>webhook-timestamp</c>,
/// <c>webhook-signature: v1,&lt;base64 HMAC-SHA256 of id.timestamp.body&gt;</c>). Every connection resolves the endpoint's host
/// itself and connects only to an address it checked (<see cref="WebhookAddresses"/>), so a name that resolves to an internal
/// address, now or later, is refused; redirects are not followed.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private readonly HttpClient _client;
    private readonly TimeProvider _time;

    public WebhookSender(WebhooksOptions options, TimeProvider time)
    {
        _time = time;
        var allowPrivate = options.AllowPrivateNetworks;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = TimeSpan.FromSeconds(Math.Max(1, options.TimeoutSeconds)),
            MaxConnectionsPerServer = 8,
            ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, allowPrivate, cancellationToken),
        };
        _client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(Math.Max(1, options.TimeoutSeconds)) };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("StatusBot-Webhooks/1");
    }

    /// <summary>Resolves <paramref name="endpoint"/>, refuses it when any address is one webhooks may not reach, and connects to a checked one.</summary>
    internal static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool allowPrivate, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        if (!allowPrivate && addresses.FirstOrDefault(WebhookAddresses.IsForbidden) is { } bad)
        {
            throw new WebhookAddressRefusedException($"{endpoint.Host} resolves to {bad}, an address webhooks may not reach");
        }

        if (addresses.Length == 0)
        {
            throw new HttpRequestException($"{endpoint.Host} does not resolve");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The headers of one attempt: the message id, the attempt's time, and the signature over both and the body.</summary>
    public static (string Id, string Timestamp, string Signature) Sign(string secret, string messageId, DateTimeOffset at, string body)
    {
        var signature = new StandardWebhook(secret).Sign(messageId, at, body);
        return (messageId, at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), signature);
    }

    public async Task<WebhookAttempt> SendAsync(WebhookEndpoint endpoint, WebhookMessage message, CancellationToken cancellationToken)
    {
        var (id, timestamp, signature) = Sign(endpoint.Secret, message.Id, _time.GetUtcNow(), message.Payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(message.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("webhook-id", id);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp);
        request.Headers.TryAddWithoutValidation("webhook-signature", signature);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var code = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new WebhookAttempt(WebhookOutcome.Delivered, code);
            }

            var error = $"HTTP {code.ToString(CultureInfo.InvariantCulture)}";
            return code is 408 or 429 or >= 500
                ? new WebhookAttempt(WebhookOutcome.RetryLater, code, RetryAfter(response), error)
                : new WebhookAttempt(WebhookOutcome.Rejected, code, null, error);
        }
        catch (HttpRequestException ex) when (Refusal(ex) is { } refused)
        {
            return new WebhookAttempt(WebhookOutcome.Rejected, null, null, refused.Message);
        }
        catch (HttpRequestException ex)
        {
            return new WebhookAttempt(WebhookOutcome.RetryLater, null, null, "connection failed: " + ex.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookAttempt(WebhookOutcome.RetryLater, null, null, "timed out");
        }
    }

    private static WebhookAddressRefusedException? Refusal(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is WebhookAddressRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - _time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    public void Dispose() => _client.Dispose();
}
