using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StatusBot.Testing.Discord;

/// <summary>
/// A loopback Discord: REST routes with real JSON and rate-limit headers over real HTTP on 127.0.0.1 (Kestrel), scripted
/// failures (429 global and per route with <c>retry_after</c>, 5xx, 403/404, hangs), and a scripted gateway WebSocket.
/// Every request is recorded with its arrival time.
/// </summary>
public sealed partial class DiscordEmulator : IAsyncDisposable
{
    public const string BotToken = "emulated-bot-token";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Scripted>> _scripts = new(StringComparer.Ordinal);

    private DiscordEmulator(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The base URL to configure as <c>Discord:ApiBaseUrl</c>: <c>http://127.0.0.1:port/api/v10</c>.</summary>
    public string ApiBaseUrl { get; private set; } = "";

    public Uri Root { get; private set; } = new("http://127.0.0.1/");

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Messages that exist, by id.</summary>
    public ConcurrentDictionary<string, EmulatedMessage> Messages { get; } = new(StringComparer.Ordinal);

    /// <summary>The per-channel message bucket: this many requests per window (Discord's real value is 5 per 5 s).</summary>
    public int ChannelLimit { get; set; } = 5;

    public TimeSpan ChannelWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The per-channel reaction bucket: this many per window (Discord's is one every quarter second).</summary>
    public int ReactionLimit { get; set; } = 1;

    public TimeSpan ReactionWindow { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Global limit the emulator enforces itself with a 429 (Discord: 50/s).</summary>
    public int GlobalLimit { get; set; } = 50;

    /// <summary>How long a nonce sent with <c>enforce_nonce</c> makes a resend return the first message (Discord: "a few minutes").</summary>
    public TimeSpan NonceWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a new message waits, once created, before it is answered (to kill a client between the post and its receipt).</summary>
    public TimeSpan AnswerDelay { get; set; }

    /// <summary>Posts answered with the message an earlier post with the same nonce had created.</summary>
    public int NonceHits { get; private set; }

    /// <summary>The messages at the top of a channel (a thread's messages are in the thread's channel, whose id is its parent message's).</summary>
    public IReadOnlyList<EmulatedMessage> MessagesIn(string channelId) =>
        [.. Messages.Values.Where(m => m.ChannelId == channelId).OrderBy(m => m.Id.Length).ThenBy(m => m.Id, StringComparer.Ordinal)];

    /// <summary>From now on every request about <paramref name="channelId"/> answers 403 Missing Access (or 404 Unknown Channel).</summary>
    public void MakeGone(string channelId, bool forbidden = true) =>
        _gone[channelId] = forbidden
            ? (403, """{"message":"Missing Access","code":50001}""")
            : (404, """{"message":"Unknown Channel","code":10003}""");

    public static async Task<DiscordEmulator> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var emulator = new DiscordEmulator(app);
        app.UseWebSockets();
        emulator.MapRoutes(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        emulator.Root = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/");
        emulator.ApiBaseUrl = new Uri(emulator.Root, "api/v10").ToString();
        return emulator;
    }

    /// <summary>The next requests whose path contains <paramref name="pathContains"/> get these answers, in order.</summary>
    public void Script(string pathContains, params Scripted[] answers)
    {
        var queue = _scripts.GetOrAdd(pathContains, _ => new ConcurrentQueue<Scripted>());
        foreach (var answer in answers)
        {
            queue.Enqueue(answer);
        }
    }

    public IEnumerable<RecordedRequest> RequestsTo(string pathContains) =>
        Requests.Where(r => r.Path.Contains(pathContains, StringComparison.Ordinal));

    /// <summary>The most requests that arrived in any rolling second (only those counted toward the global limit).</summary>
    public int MaxPerSecond(Func<RecordedRequest, bool>? filter = null)
    {
        var times = Requests.Where(filter ?? (r => r.Authenticated)).Select(r => r.At).Order().ToList();
        var max = 0;
        var start = 0;
        for (var end = 0; end < times.Count; end++)
        {
            while (times[end] - times[start] >= TimeSpan.FromSeconds(1))
            {
                start++;
            }

            max = Math.Max(max, end - start + 1);
        }

        return max;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
