using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StatusBot.Testing.Webhooks;

/// <summary>One webhook as a receiver saw it: the endpoint path, the three Standard Webhooks headers and the body.</summary>
public sealed record ReceivedWebhook(string Path, string Id, string Timestamp, string Signature, string Body, DateTimeOffset ArrivedAt, int AnsweredWith)
{
    public JsonNode Json => JsonNode.Parse(Body)!;

    public long UnixTimestamp => long.Parse(Timestamp, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A scripted answer: the status code and an optional Retry-After in seconds.</summary>
public sealed record WebhookAnswer(int Status, int? RetryAfterSeconds = null);

/// <summary>
/// A partner's webhook receiver on loopback (Kestrel on 127.0.0.1): any path is an endpoint; each request is recorded and
/// answered 200 unless an answer was scripted for its path. <see cref="Verify"/> checks a signature the way the Standard
/// Webhooks specification defines it, independently of any library: HMAC-SHA256 keyed with the base64-decoded secret (after
/// <c>whsec_</c>) over <c>id.timestamp.body</c>, compared with every <c>v1,</c> signature in the header.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<WebhookAnswer>> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, WebhookAnswer> _always = new(StringComparer.Ordinal);

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri Root { get; private set; } = new("http://127.0.0.1/");

    /// <summary>How long each answer is held back (to catch a sender mid fan-out); a request is recorded when it arrives.</summary>
    public TimeSpan AnswerDelay { get; set; }

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Root = new Uri(address + "/");
        return receiver;
    }

    /// <summary>The URL of endpoint <paramref name="name"/>.</summary>
    public string Url(string name) => new Uri(Root, "hooks/" + name).ToString();

    public IReadOnlyList<ReceivedWebhook> To(string name) => [.. _received.Where(r => r.Path == "/hooks/" + name)];

    /// <summary>The next requests to endpoint <paramref name="name"/> get these answers, in order; then 200 again.</summary>
    public void Script(string name, params WebhookAnswer[] answers)
    {
        var queue = _scripts.GetOrAdd("/hooks/" + name, _ => new ConcurrentQueue<WebhookAnswer>());
        foreach (var answer in answers)
        {
            queue.Enqueue(answer);
        }
    }

    /// <summary>Every request to endpoint <paramref name="name"/> gets <paramref name="answer"/> (null: back to 200).</summary>
    public void AnswerAlways(string name, WebhookAnswer? answer)
    {
        if (answer is null)
        {
            _always.TryRemove("/hooks/" + name, out _);
        }
        else
        {
            _always["/hooks/" + name] = answer;
        }
    }

    /// <summary>True when <paramref name="webhook"/> carries a valid v1 signature made with <paramref name="secret"/>.</summary>
    public static bool Verify(string secret, ReceivedWebhook webhook)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{webhook.Id}.{webhook.Timestamp}.{webhook.Body}")));
        return webhook.Signature.Split(' ').Any(s => s.StartsWith("v1,", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s[3..]), Encoding.ASCII.GetBytes(expected)));
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        var path = http.Request.Path.Value ?? "/";
        var answer = _always.TryGetValue(path, out var always) ? always
            : _scripts.TryGetValue(path, out var queue) && queue.TryDequeue(out var next) ? next
            : new WebhookAnswer(200);
        _received.Enqueue(new ReceivedWebhook(
            path,
            http.Request.Headers["webhook-id"].ToString(),
            http.Request.Headers["webhook-timestamp"].ToString(),
            http.Request.Headers["webhook-signature"].ToString(),
            body,
            DateTimeOffset.UtcNow,
            answer.Status));
        if (AnswerDelay > TimeSpan.Zero)
        {
            await Task.Delay(AnswerDelay, http.RequestAborted);
        }

        http.Response.StatusCode = answer.Status;
        if (answer.RetryAfterSeconds is { } after)
        {
            http.Response.Headers.RetryAfter = after.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
