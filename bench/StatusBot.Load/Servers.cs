using System.Text.Json;
using StatusBot.Testing.Discord;
using StatusBot.Testing.Slack;

namespace StatusBot.Load;

/// <summary>
/// Starts the servers under test with one run's secrets: a fresh Slack signing secret and a fresh Ed25519 key pair (the
/// private half stays in this process, which signs; the servers get the public key). StatusBot is the Release
/// <c>statusbot serve</c> with request logging off as in production; the peers are the apps of <c>bench/peers</c>, answering
/// the bytes StatusBot answered (captured from it once), so all do the same work on the wire.
/// </summary>
public sealed class Servers : IDisposable
{
    private readonly string _repo;
    private readonly string _work;
    private string? _slackReply;
    private string? _discordReply;

    private readonly string? _statusBotDll;
    private readonly IReadOnlyDictionary<string, string> _statusBotEnvironment;

    /// <param name="repo">The repository's root.</param>
    /// <param name="work">Where the servers' data directories and logs go.</param>
    /// <param name="statusBotDll">The <c>statusbot.dll</c> to run; by default the Release build's (<c>--statusbot</c> names another).</param>
    /// <param name="statusBotEnvironment">Extra environment for the StatusBot server only (<c>--server-env</c>), such as a GC setting to compare.</param>
    public Servers(string repo, string work, string? statusBotDll = null, IReadOnlyDictionary<string, string>? statusBotEnvironment = null)
    {
        _repo = repo;
        _work = work;
        _statusBotDll = statusBotDll;
        _statusBotEnvironment = statusBotEnvironment ?? new Dictionary<string, string>(StringComparer.Ordinal);
        Directory.CreateDirectory(work);
    }

    public SlackSigner Slack { get; } = new("bench-signing-secret-" + Guid.NewGuid().ToString("N"));

    public InteractionSigner Discord { get; } = new();

    public string StatusBotDll => _statusBotDll ?? Path.Combine(_repo, "src", "StatusBot.Host", "bin", "Release", "net10.0", "statusbot.dll");

    public Task<ServerProcess> StartStatusBotAsync(string name, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = ServerProcess.FreePort();
        var data = Path.Combine(_work, name + "-data");
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["StatusBot__Slack__SigningSecret"] = Slack.Secret,
            ["StatusBot__Discord__PublicKey"] = Discord.PublicKeyHex,
            ["Logging__LogLevel__Default"] = "Warning",
            // As the container image runs it (Dockerfile): workstation GC with a fixed 16 MiB gen0 budget (hex).
            ["DOTNET_gcServer"] = "0",
            ["DOTNET_GCgen0size"] = "1000000",
        };
        foreach (var (key, value) in _statusBotEnvironment.Concat(settings ?? new Dictionary<string, string>()))
        {
            environment[key] = value;
        }

        return ServerProcess.StartAsync(
            "StatusBot serve", "dotnet", [StatusBotDll, "serve", "--urls", $"http://127.0.0.1:{port}", "--data", data], _repo, environment, port, Path.Combine(_work, name + ".log"));
    }

    public async Task<ServerProcess> StartBoltAsync(HttpClient http)
    {
        var reply = await ReplyFileAsync(http, "slack");
        var port = ServerProcess.FreePort();
        return await ServerProcess.StartAsync(
            $"Slack Bolt JS {PeerVersion("slack-bolt", "@slack/bolt")}", "node", ["app.js"], Path.Combine(_repo, "bench", "peers", "slack-bolt"),
            new Dictionary<string, string> { ["NODE_ENV"] = "production", ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["SLACK_SIGNING_SECRET"] = Slack.Secret, ["REPLY_FILE"] = reply },
            port, Path.Combine(_work, "bolt.log"));
    }

    public async Task<ServerProcess> StartExpressAsync(HttpClient http)
    {
        var answer = await ReplyFileAsync(http, "discord");
        var port = ServerProcess.FreePort();
        return await ServerProcess.StartAsync(
            $"discord-interactions {PeerVersion("discord-interactions-express", "discord-interactions")} + Express {PeerVersion("discord-interactions-express", "express")}",
            "node", ["server.js"], Path.Combine(_repo, "bench", "peers", "discord-interactions-express"),
            new Dictionary<string, string> { ["NODE_ENV"] = "production", ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["DISCORD_PUBLIC_KEY"] = Discord.PublicKeyHex, ["ANSWER_FILE"] = answer },
            port, Path.Combine(_work, "express.log"));
    }

    /// <summary>The route each server answers the platform's requests on.</summary>
    public static Uri Route(ServerProcess server, string platform) =>
        new(server.Root, platform == "slack" ? (server.Label.StartsWith("Slack Bolt", StringComparison.Ordinal) ? "slack/events" : "slack/commands") : "discord/interactions");

    /// <summary>Remembers what StatusBot answers to one question of each platform, for the peers to answer the same bytes.</summary>
    public async Task CaptureRepliesAsync(HttpClient http, ServerProcess statusBot)
    {
        _slackReply = await AskAsync(http, StatusQuestions.Slack(Route(statusBot, "slack"), Slack, 0, DateTimeOffset.UtcNow));
        _discordReply = await AskAsync(http, StatusQuestions.Discord(Route(statusBot, "discord"), Discord, 0, DateTimeOffset.UtcNow));
    }

    public void Dispose() => Discord.Dispose();

    private async Task<string> ReplyFileAsync(HttpClient http, string platform)
    {
        if (_slackReply is null || _discordReply is null)
        {
            await using var statusBot = await StartStatusBotAsync("capture");
            await CaptureRepliesAsync(http, statusBot);
        }

        var path = Path.Combine(_work, platform + "-reply.json");
        await File.WriteAllTextAsync(path, platform == "slack" ? _slackReply : _discordReply);
        return path;
    }

    private static async Task<string> AskAsync(HttpClient http, PreparedRequest prepared)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, prepared.Url) { Content = new ByteArrayContent(prepared.Body) };
        message.Content.Headers.TryAddWithoutValidation("Content-Type", prepared.ContentType);
        foreach (var (name, value) in prepared.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await http.SendAsync(message);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode && body.Length > 0
            ? body
            : throw new InvalidOperationException($"StatusBot answered {(int)response.StatusCode} to a signed {prepared.Platform} /status: {body}");
    }

    private string PeerVersion(string peer, string package)
    {
        var file = Path.Combine(_repo, "bench", "peers", peer, "node_modules", package, "package.json");
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        return json.RootElement.GetProperty("version").GetString() ?? "?";
    }
}
