using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StatusBot.Discord.Rest;
using StatusBot.Discord.Wire;

namespace StatusBot.Discord.Gateway;

/// <summary>
/// A gateway session for bots without a public interactions URL: Hello, heartbeats with jitter and ACK tracking,
/// Identify with minimal intents, Ready, Resume after op 7, zombie connections and resumable closes, a fresh Identify
/// after op 9 <c>false</c>; the close codes that must not reconnect end it with <see cref="GatewayFatalException"/>.
/// </summary>
internal sealed partial class DiscordGateway(
    DiscordRestClient rest,
    GatewayDispatcher dispatcher,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    ILogger<DiscordGateway> logger)
{
    /// <summary>GUILD_MESSAGES and DIRECT_MESSAGES: mentions and DMs carry their content without the privileged intent.</summary>
    public const GatewayIntents Intents = GatewayIntents.GuildMessages | GatewayIntents.DirectMessages;

    private const int MaxFrameBytes = 1024 * 1024;

    private string? _sessionId;
    private string? _resumeUrl;
    private string? _botUserId;
    private long _sequence = -1;

    /// <summary>The last sequence number received (what heartbeats and a Resume send).</summary>
    public long? Sequence => Interlocked.Read(ref _sequence) is var s and >= 0 ? s : null;

    public string? SessionId => _sessionId;

    /// <summary>Connects and keeps the session alive until stopped or a fatal close.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        string? gatewayUrl = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            gatewayUrl ??= await GatewayUrlAsync(cancellationToken);
            if (gatewayUrl is null)
            {
                await Task.Delay(Backoff(++failures), time, cancellationToken);
                continue;
            }

            var resume = _sessionId is not null && _resumeUrl is not null;
            var url = (resume ? _resumeUrl! : gatewayUrl).TrimEnd('/') + "/?v=10&encoding=json";
            Next next;
            try
            {
                using var socket = new ClientWebSocket();
                await socket.ConnectAsync(new Uri(url), cancellationToken);
                next = await RunConnectionAsync(socket, resume, cancellationToken);
                failures = 0;
            }
            catch (Exception ex) when (ex is WebSocketException or JsonException or IOException && !cancellationToken.IsCancellationRequested)
            {
                LogConnectionLost(logger, ex.Message);
                next = Next.Resume;
                failures++;
            }

            if (next == Next.Identify)
            {
                ForgetSession();
            }

            if (failures > 0 || next == Next.Identify)
            {
                // Discord asks for 1-5 s before a new Identify; failed connections back off further.
                await Task.Delay(failures > 0 ? Backoff(failures) : TimeSpan.FromMilliseconds(1000 + Random.Shared.Next(4000)), time, cancellationToken);
            }
        }
    }

    private async Task<string?> GatewayUrlAsync(CancellationToken cancellationToken)
    {
        var info = await rest.GetGatewayBotAsync(cancellationToken);
        if (info.Status is System.Net.HttpStatusCode.Unauthorized)
        {
            throw new GatewayFatalException(4004, "GET /gateway/bot refused the token: check StatusBot:Discord:BotToken");
        }

        return info.IsSuccess ? info.Value?.Url : null;
    }

    private void ForgetSession()
    {
        _sessionId = null;
        _resumeUrl = null;
        Interlocked.Exchange(ref _sequence, -1);
    }

    private void Remember(long sequence) => Interlocked.Exchange(ref _sequence, sequence);

    private JsonObject IdentifyFrame() => new()
    {
        ["op"] = (int)GatewayOpcode.Identify,
        ["d"] = new JsonObject
        {
            ["token"] = options.Value.BotToken,
            ["intents"] = (int)Intents,
            ["properties"] = new JsonObject { ["os"] = Environment.OSVersion.Platform.ToString().ToLowerInvariant(), ["browser"] = "statusbot", ["device"] = "statusbot" },
        },
    };

    private JsonObject ResumeFrame() => new()
    {
        ["op"] = (int)GatewayOpcode.Resume,
        ["d"] = new JsonObject { ["token"] = options.Value.BotToken, ["session_id"] = _sessionId, ["seq"] = Sequence },
    };

    private JsonObject HeartbeatFrame() => new() { ["op"] = (int)GatewayOpcode.Heartbeat, ["d"] = Sequence };

    private static TimeSpan Backoff(int failures) =>
        TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, Math.Min(failures, 6)))) * (0.5 + (Random.Shared.NextDouble() / 2));

    private static byte[] Utf8(JsonObject frame) => Encoding.UTF8.GetBytes(frame.ToJsonString());

    private enum Next
    {
        Resume,
        Identify,
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway connection lost: {Reason}; reconnecting")]
    private static partial void LogConnectionLost(ILogger logger, string reason);
}
