using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StatusBot.Testing.Slack;

/// <summary>
/// A loopback Slack: Web API methods with real JSON at <c>{BaseUrl}</c> (<c>chat.postMessage</c>, <c>chat.update</c>, <c>reactions.add</c>,
/// <c>chat.postEphemeral</c>, <c>users.info</c>, <c>apps.connections.open</c>, <c>conversations.history</c>/<c>replies</c>; messages are
/// kept per channel and thread), <c>response_url</c> hooks at
/// <c>{Root}hooks/…</c>, and a Socket Mode WebSocket at <c>{Root}link</c>. Answers can be scripted per method (429 with
/// Retry-After, 5xx, slow answers, error envelopes); every request is recorded with its arrival time.
/// </summary>
public sealed partial class SlackEmulator : IAsyncDisposable
{
    public const string BotToken = "xoxb-test-bot-token";
    public const string AppToken = "xapp-test-app-token";

    /// <summary>The workspace <see cref="BotToken"/> belongs to.</summary>
    public const string Team = "T1";

    private readonly WebApplication _app;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<SlackScript>> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<SlackRecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, string> _users = new(StringComparer.Ordinal);
    private long _ts = 1_356_380_000_000_000;

    private SlackEmulator(WebApplication app)
    {
        _app = app;
    }

    /// <summary>http://127.0.0.1:port/</summary>
    public string Root { get; private set; } = "";

    /// <summary>The Web API base URL to configure as <c>StatusBot:Slack:ApiBaseUrl</c>.</summary>
    public string BaseUrl => Root + "api/";

    /// <summary>A <c>response_url</c> served by this emulator.</summary>
    public string ResponseUrl(string name = "1") => Root + "hooks/commands/T1/" + name;

    public IReadOnlyList<SlackRecordedRequest> Requests => [.. _requests];

    /// <summary>The emulator's clock now: the clock of every recorded request's <see cref="SlackRecordedRequest.At"/>.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    public IEnumerable<SlackRecordedRequest> Calls(string method) => _requests.Where(r => r.Method == method);

    public static async Task<SlackEmulator> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var emulator = new SlackEmulator(app);
        app.UseWebSockets();
        app.Map("/api/{method}", emulator.WebApiAsync);
        app.MapPost("/hooks/{**path}", emulator.HookAsync);
        app.Map("/link", emulator.SocketAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        emulator.Root = address.TrimEnd('/') + "/";
        return emulator;
    }

    /// <summary>Queues answers for <paramref name="method"/>; once they are used up, the method answers normally again.</summary>
    public void Script(string method, params SlackScript[] answers)
    {
        var queue = _scripts.GetOrAdd(method, _ => new ConcurrentQueue<SlackScript>());
        foreach (var answer in answers)
        {
            queue.Enqueue(answer);
        }
    }

    /// <summary>Adds a user <c>users.info</c> knows.</summary>
    public void AddUser(string id, bool isAdmin = false, bool isOwner = false, string? locale = null) =>
        _users[id] = $$$"""{"ok":true,"user":{"id":"{{{id}}}","team_id":"T1","name":"{{{id.ToLowerInvariant()}}}","real_name":"User {{{id}}}","deleted":false,"is_admin":{{{(isAdmin ? "true" : "false")}}},"is_owner":{{{(isOwner ? "true" : "false")}}},"is_primary_owner":false,"is_bot":false{{{(locale is null ? "" : $",\"locale\":\"{locale}\"")}}}}}""";

    /// <summary>Serves a raw <c>users.info</c> answer (e.g. a documentation fixture) for <paramref name="id"/>.</summary>
    public void AddUserAnswer(string id, string json) => _users[id] = json;

    /// <summary>Waits until <paramref name="condition"/> holds over the recorded requests, or fails after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<SlackRecordedRequest>> WaitForAsync(Func<IReadOnlyList<SlackRecordedRequest>, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = _clock.Elapsed + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var snapshot = Requests;
            if (condition(snapshot))
            {
                return snapshot;
            }

            if (_clock.Elapsed > deadline)
            {
                throw new TimeoutException($"The Slack emulator did not see the expected requests; it saw: {string.Join(", ", snapshot.Select(r => r.Method))}");
            }

            await Task.Delay(20);
        }
    }

    private async Task WebApiAsync(HttpContext context, string method)
    {
        var body = await ReadAsync(context.Request);
        var authorization = context.Request.Headers.Authorization.ToString();
        var (status, answer, retryAfter) = await AnswerAsync(method, context.Request, body, authorization);
        _requests.Enqueue(new SlackRecordedRequest(method, context.Request.Path + context.Request.QueryString, body, authorization, _clock.Elapsed, status));
        await WriteAsync(context.Response, status, answer, retryAfter);
    }

    private async Task HookAsync(HttpContext context)
    {
        var body = await ReadAsync(context.Request);
        var (status, answer, retryAfter) = await ScriptedAsync("response_url") ?? (200, "ok", null);
        _requests.Enqueue(new SlackRecordedRequest("response_url", context.Request.Path, body, null, _clock.Elapsed, status));
        await WriteAsync(context.Response, status, answer, retryAfter);
    }

    private async Task<(int Status, string Body, int? RetryAfter)> AnswerAsync(string method, HttpRequest request, string body, string authorization)
    {
        if (await ScriptedAsync(method) is { } scripted)
        {
            return scripted;
        }

        var team = method == "apps.connections.open" ? (authorization == "Bearer " + AppToken ? Team : null) : TeamOf(authorization);
        if (team is null)
        {
            return (200, """{"ok":false,"error":"invalid_auth"}""", null);
        }

        if (OtherWorkspace(method, request, body, team) is { } notHere)
        {
            return notHere;
        }

        if (ChannelAnswer(method, request, body) is { } channelAnswer)
        {
            return channelAnswer;
        }

        if (DirectAnswer(method, request, body, team) is { } directAnswer)
        {
            return directAnswer;
        }

        var ts = NextTs();
        return method switch
        {
            "chat.postEphemeral" => (200, $$"""{"ok":true,"message_ts":"{{ts}}"}""", null),
            "users.info" => _users.TryGetValue(request.Query["user"].ToString(), out var user) ? (200, user, null) : (200, """{"ok":false,"error":"user_not_found"}""", null),
            "apps.connections.open" => (200, $$"""{"ok":true,"url":"{{SocketUrl()}}"}""", null),
            _ => (200, """{"ok":false,"error":"unknown_method"}""", null),
        };
    }

    private async Task<(int, string, int?)?> ScriptedAsync(string method)
    {
        if (!_scripts.TryGetValue(method, out var queue) || !queue.TryDequeue(out var script))
        {
            return null;
        }

        if (script.Delay > TimeSpan.Zero)
        {
            await Task.Delay(script.Delay);
            if (script.Body is null)
            {
                return null;
            }
        }

        return (script.Status, script.Body ?? """{"ok":true}""", script.RetryAfterSeconds);
    }

    private static async Task<string> ReadAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    private static async Task WriteAsync(HttpResponse response, int status, string body, int? retryAfter)
    {
        response.StatusCode = status;
        if (retryAfter is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        response.ContentType = body.StartsWith('{') ? "application/json; charset=utf-8" : "text/plain";
        await response.WriteAsync(body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
