using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StatusBot.Testing.Publishing;

/// <summary>
/// Loopback X, Mastodon and Bluesky APIs on one server (<c>{Root}x</c>, <c>{Root}mastodon</c>, <c>{Root}bluesky</c>), checking
/// what the real services check: X recomputes the OAuth 1.0a signature and refuses old timestamps and reused nonces,
/// Mastodon wants its bearer token and honours <c>Idempotency-Key</c>, Bluesky wants a session's token (which can be made
/// to expire); each enforces its length limit, refuses replies to posts it does not have, and Bluesky checks that link
/// facets' UTF-8 byte offsets cover their URL. Failures can be scripted (429 with a wait, 5xx, an answer lost after the
/// post was made).
/// </summary>
public sealed partial class PublicTimelineEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly ConcurrentQueue<TimelinePost> _posts = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Script>> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _refusals = new();
    private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _lookups = new(StringComparer.Ordinal);
    private long _ids = 1_000;

    private PublicTimelineEmulator(WebApplication app, TimeProvider time)
    {
        _app = app;
        _time = time;
    }

    public string Root { get; private set; } = "";

    public string XBaseUrl => Root + "x";

    public string MastodonBaseUrl => Root + "mastodon";

    public string BlueskyBaseUrl => Root + "bluesky";

    /// <summary>Every accepted post, in order.</summary>
    public IReadOnlyList<TimelinePost> Posts => [.. _posts];

    public IReadOnlyList<TimelinePost> PostsOn(string platform) => [.. _posts.Where(p => p.Platform == platform)];

    /// <summary>
    /// How long (wall clock) the answer to a post is held after the post is made: a client that dies meanwhile never learns
    /// its post exists. Zero by default.
    /// </summary>
    public TimeSpan AnswerDelay { get; set; }

    /// <summary>The posts on <paramref name="platform"/> made and not answered yet (held by <see cref="AnswerDelay"/>).</summary>
    public int AnswersInFlight(string platform) => _inFlight.GetValueOrDefault(platform);

    /// <summary>How many times the account's recent posts were listed on <paramref name="platform"/> (X, Bluesky).</summary>
    public int Lookups(string platform) => _lookups.GetValueOrDefault(platform);

    /// <summary>Why each refused request was refused (status and reason), in order.</summary>
    public IReadOnlyList<string> Refusals => [.. _refusals];

    public static async Task<PublicTimelineEmulator> StartAsync(TimeProvider time)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var emulator = new PublicTimelineEmulator(app, time);
        emulator.MapX(app);
        emulator.MapMastodon(app);
        emulator.MapBluesky(app);
        await app.StartAsync();
        emulator.Root = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/";
        return emulator;
    }

    /// <summary>The next post to <paramref name="platform"/> is answered with <paramref name="status"/> (and a Retry-After) and not made.</summary>
    public void Fail(string platform, int status, int? retryAfterSeconds = null) =>
        _scripts.GetOrAdd(platform, _ => new()).Enqueue(new Script(status, retryAfterSeconds, LoseAnswer: false));

    /// <summary>The next post to <paramref name="platform"/> is made, but its answer is a 503: the bot cannot know it was posted.</summary>
    public void LoseAnswer(string platform) =>
        _scripts.GetOrAdd(platform, _ => new()).Enqueue(new Script(503, null, LoseAnswer: true));

    private string NextId() => Interlocked.Increment(ref _ids).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private Script? NextScript(string platform) => _scripts.TryGetValue(platform, out var queue) && queue.TryDequeue(out var s) ? s : null;

    /// <summary>Runs a scripted failure in place of the post: null when the post goes ahead normally (or is made and its answer lost).</summary>
    private static IResult? RunScript(Script? script, Action made)
    {
        if (script is null)
        {
            return null;
        }

        if (script.LoseAnswer)
        {
            made();
            return Results.StatusCode(503);
        }

        return new ScriptedResult(script.Status, script.RetryAfterSeconds);
    }

    /// <summary>The answer to a post just made, held for <see cref="AnswerDelay"/>.</summary>
    private async Task<IResult> AnswerLaterAsync(string platform, IResult answer)
    {
        if (AnswerDelay <= TimeSpan.Zero)
        {
            return answer;
        }

        _inFlight.AddOrUpdate(platform, 1, (_, n) => n + 1);
        try
        {
            await Task.Delay(AnswerDelay);
        }
        finally
        {
            _inFlight.AddOrUpdate(platform, 0, (_, n) => n - 1);
        }

        return answer;
    }

    private void Looked(string platform) => _lookups.AddOrUpdate(platform, 1, (_, n) => n + 1);

    private IResult Refuse(string platform, int status, JsonObject body, string reason)
    {
        _refusals.Enqueue($"{platform} {status}: {reason}");
        return Results.Text(body.ToJsonString(), "application/json", statusCode: status);
    }

    private static async Task<JsonNode?> ReadJsonAsync(HttpRequest request)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed record Script(int Status, int? RetryAfterSeconds, bool LoseAnswer);

    private sealed class ScriptedResult(int status, int? retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            if (retryAfter is { } seconds)
            {
                httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return httpContext.Response.WriteAsync("{\"error\":\"scripted\"}");
        }
    }
}
