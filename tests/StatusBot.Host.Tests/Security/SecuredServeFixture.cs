using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using StatusBot.Core.Board;
using StatusBot.Core.Chat;
using StatusBot.Core.Commands;
using StatusBot.Host.Hosting;
using StatusBot.Testing;
using StatusBot.Testing.Discord;
using StatusBot.Testing.Slack;

namespace StatusBot.Host.Tests.Security;

/// <summary>
/// The real <c>serve</c> app with every secret configured (Slack signing secret and bot token, Discord public key and
/// bot token, an admin API token), Slack and Discord pointed at their emulators, every log line captured, and a fake
/// clock that starts now (so signatures made with it are fresh). INC-1 is open and MNT-1 scheduled; no channel is
/// subscribed, so nothing but the tests writes to the board.
/// </summary>
public class SecuredServeFixture : IAsyncLifetime
{
    public const string SlackViewer = "U-VIEWER";

    private readonly string _data = Path.Combine(Path.GetTempPath(), "statusbot-security-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _app;

    public string SlackSigningSecret { get; } = "slack-secret-" + RandomNumberGenerator.GetHexString(32, lowercase: true);

    public string AdminToken { get; } = "admin-token-" + RandomNumberGenerator.GetHexString(32, lowercase: true);

    /// <summary>Every value that must never reach a log line or an exception message.</summary>
    public IReadOnlyList<string> Secrets => [SlackSigningSecret, SlackEmulator.BotToken, DiscordEmulator.BotToken, AdminToken, Discord.PrivateKeyHex];

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public InteractionSigner Discord { get; } = new();

    public SlackSigner Slack => new(SlackSigningSecret);

    public SlackEmulator SlackApi { get; private set; } = null!;

    public DiscordEmulator DiscordApi { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public StatusBoard Board => Services.GetRequiredService<StatusBoard>();

    public ConcurrentQueue<CapturedLog> Logs { get; } = new();

    /// <summary>
    /// Waits until every late chat answer is out. Some wait for a channel's pacing on the test's clock, so the clock moves
    /// a second at a time until they are all done.
    /// </summary>
    public async Task DrainLateAnswersAsync()
    {
        var drained = Services.GetRequiredService<ChatDeferrals>().DrainAsync();
        for (var step = 0; step < 600 && !drained.IsCompleted; step++)
        {
            Time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(drained, Task.Delay(50));
        }

        await drained.WaitAsync(TimeSpan.FromSeconds(5));
    }

    /// <summary>
    /// Extra settings for a subclass (the rate limits are off here: the matrix runs many commands as one viewer and tries
    /// every admin route with wrong tokens, all from one address on a clock that does not move).
    /// </summary>
    // The matrix sends every refused command in turn into one channel: no per-user or per-channel quieting, so each gets its answer.
    protected virtual Dictionary<string, string?> Settings { get; } = new()
    {
        ["StatusBot:RateLimit:CommandsPerMinute"] = "0",
        ["StatusBot:Admin:FailedTokensPerMinute"] = "0",
        ["StatusBot:Chat:ChannelMessagesPerMinute"] = "0",
    };

    public async Task InitializeAsync()
    {
        SlackApi = await SlackEmulator.StartAsync();
        SlackApi.AddUser(SlackViewer);
        DiscordApi = await DiscordEmulator.StartAsync();

        // The REST client waits out Discord's limits on the app's clock, which is fake here and does not move by itself.
        DiscordApi.ChannelLimit = DiscordApi.GlobalLimit = 100_000;
        var settings = new Dictionary<string, string?>
        {
            ["StatusBot:Slack:SigningSecret"] = SlackSigningSecret,
            ["StatusBot:Slack:BotToken"] = SlackEmulator.BotToken,
            ["StatusBot:Slack:ApiBaseUrl"] = SlackApi.BaseUrl,
            ["StatusBot:Discord:ApplicationId"] = DiscordPayloads.ApplicationId,
            ["StatusBot:Discord:PublicKey"] = Discord.PublicKeyHex,
            ["StatusBot:Discord:BotToken"] = DiscordEmulator.BotToken,
            ["StatusBot:Discord:ApiBaseUrl"] = DiscordApi.ApiBaseUrl,
            ["StatusBot:Discord:AdminUserIds:0"] = DiscordPayloads.AdminUserId,
            ["StatusBot:Admin:ApiTokens:0:Name"] = "deploy-pipeline",
            ["StatusBot:Admin:ApiTokens:0:Sha256"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(AdminToken))),
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        _app = StatusBotWebApp.Create(
            new CliSettings(RepoPaths.DefaultConfig, _data, "http://127.0.0.1:0"),
            builder =>
            {
                builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time));
                builder.Configuration.AddInMemoryCollection(settings);
                builder.Logging.AddProvider(new CapturingLoggerProvider(Logs));
                builder.Logging.AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace);
            });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient { BaseAddress = new Uri(address) };

        var admin = TestBot.Admin() with { Channel = new("slack", "C-OPS") };
        var dispatcher = Services.GetRequiredService<StatusBot.Core.Chat.ChatPipeline>();
        foreach (var command in (string[])["incident open streaming major \"Streaming fails\"", "maintenance schedule billing in:2h 90m Upgrade"])
        {
            var result = await dispatcher.RunAsync(command, admin);
            Assert.Equal(CommandOutcome.Changed, result.Outcome);
        }
    }

    /// <summary>Every route that takes a body (POST, PUT, PATCH), as the app's endpoint data source lists them.</summary>
    public IReadOnlyList<(string Method, string Pattern)> BodyRoutes() =>
    [
        .. Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Method: m, Pattern: "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .Where(r => r.Method is "POST" or "PUT" or "PATCH")
            .Distinct()
            .OrderBy(r => r.Pattern, StringComparer.Ordinal),
    ];

    /// <summary>A concrete path for a route pattern: an incident parameter becomes INC-1, any other one the streaming service.</summary>
    public static string PathOf(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern.Replace("incidents/{id}", "incidents/INC-1", StringComparison.Ordinal), "\\{[^}]+\\}", "streaming");

    /// <summary>A request with the body given, signed the way the route's platform signs, or with the admin token.</summary>
    public HttpRequestMessage Signed(string method, string path, byte[] body, string? contentType = null)
    {
        var at = Time.GetUtcNow();
        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType ?? (path.StartsWith("/slack/", StringComparison.Ordinal) ? "application/x-www-form-urlencoded" : "application/json"));
        var text = Encoding.UTF8.GetString(body);
        if (path.StartsWith("/slack/", StringComparison.Ordinal))
        {
            // Slack signs the raw bytes; the test signer takes text, so only valid UTF-8 bodies get a matching signature.
            request.Headers.Add("X-Slack-Request-Timestamp", at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Signature", Slack.Sign(at.ToUnixTimeSeconds(), text));
        }
        else if (path.StartsWith("/discord/", StringComparison.Ordinal))
        {
            var timestamp = InteractionSigner.TimestampOf(at);
            request.Headers.Add("X-Signature-Timestamp", timestamp);
            request.Headers.Add("X-Signature-Ed25519", Discord.Sign(timestamp, text));
        }
        else
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        }

        return request;
    }

    /// <summary>All string values in a JSON answer, so assertions do not depend on how the serializer escapes.</summary>
    public static string Texts(string json)
    {
        var builder = new StringBuilder();
        Collect(JsonNode.Parse(json), builder);
        return builder.ToString();

        static void Collect(JsonNode? node, StringBuilder into)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (_, value) in o)
                    {
                        Collect(value, into);
                    }

                    break;
                case JsonArray a:
                    foreach (var item in a)
                    {
                        Collect(item, into);
                    }

                    break;
                case JsonValue v when v.TryGetValue<string>(out var s):
                    into.AppendLine(s);
                    break;
            }
        }
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await SlackApi.DisposeAsync();
        await DiscordApi.DisposeAsync();
        Discord.Dispose();
        Directory.Delete(_data, recursive: true);
    }
}

/// <summary>One log line as written: category, level, the formatted message and the exception (with its stack) if any.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, string Message, string? Exception);

/// <summary>Keeps every log line of the app in memory, at every level, for the secret-leak assertions.</summary>
public sealed class CapturingLoggerProvider(ConcurrentQueue<CapturedLog> sink) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, sink);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLog> sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // The structured values too: a secret passed as a parameter but left out of the template still leaks to sinks.
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" | ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            sink.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception) + " || " + values, exception?.ToString()));
        }
    }
}
