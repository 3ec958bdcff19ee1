using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace StatusBot.Testing.Discord;

public sealed partial class DiscordEmulator
{
    private readonly ConcurrentDictionary<string, (string Id, DateTimeOffset At)> _nonces = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (int Status, string Body)> _gone = new(StringComparer.Ordinal);
    private readonly Lock _create = new();
    private readonly ConcurrentDictionary<string, string> _threads = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<EmulatedReaction> _reactions = new();
    private readonly ConcurrentDictionary<string, JsonArray> _commands = new(StringComparer.Ordinal);
    private long _nextId = 1500000000000000000;

    /// <summary>Interaction callbacks received (gateway interactions), by interaction id.</summary>
    public ConcurrentDictionary<string, JsonObject> Callbacks { get; } = new(StringComparer.Ordinal);

    /// <summary>Bodies sent to <c>PATCH /webhooks/{app}/{token}/messages/@original</c>, by token.</summary>
    public ConcurrentDictionary<string, JsonObject> OriginalEdits { get; } = new(StringComparer.Ordinal);

    /// <summary>Reactions the bot added (<c>PUT …/reactions/{emoji}/@me</c>), in the order they were accepted.</summary>
    public IReadOnlyList<EmulatedReaction> Reactions => [.. _reactions];

    public JsonArray? CommandsOf(string? guildId) => _commands.GetValueOrDefault(guildId ?? "global");

    private void MapRoutes(WebApplication app)
    {
        app.Map("/api/v10/{**path}", HandleAsync);
        app.Map("/gateway", GatewayAsync);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var path = request.Path.Value!["/api/v10".Length..];
        var auth = request.Headers.Authorization.FirstOrDefault();
        _requests.Enqueue(new RecordedRequest(request.Method, path, request.QueryString.Value ?? "", DateTimeOffset.UtcNow, body, auth, request.Headers.UserAgent.FirstOrDefault()));

        if (_scripts.Where(s => path.Contains(s.Key, StringComparison.Ordinal)).Select(s => s.Value).FirstOrDefault(q => !q.IsEmpty) is { } queue
            && queue.TryDequeue(out var scripted))
        {
            await AnswerScriptedAsync(context, scripted);
            return;
        }

        var segments = path.Trim('/').Split('/');
        if (segments is ["channels", var target, ..] && _gone.TryGetValue(target, out var gone))
        {
            await RawJsonAsync(context, gone.Status, gone.Body);
            return;
        }

        var tokenRoute = segments[0] is "webhooks" or "interactions";
        if (!tokenRoute && auth != "Bot " + BotToken)
        {
            await JsonAsync(context, 401, new JsonObject { ["message"] = "401: Unauthorized", ["code"] = 0 });
            return;
        }

        if (!tokenRoute && OverGlobalLimit())
        {
            await AnswerScriptedAsync(context, Scripted.RateLimited(0.2, global: true));
            return;
        }

        await RouteAsync(context, request.Method, segments, body);
    }

    private async Task RouteAsync(HttpContext context, string method, string[] s, string body)
    {
        switch (method, s.Length > 0 ? s[0] : "", s.Length)
        {
            case ("POST", "channels", 3) when s[2] == "messages":
                await CreateMessageAsync(context, s[1], body);
                return;
            case ("PATCH", "channels", 4) when s[2] == "messages":
                await EditMessageAsync(context, s[1], s[3], body);
                return;
            case ("POST", "channels", 5) when s[2] == "messages" && s[4] == "threads":
                await StartThreadAsync(context, s[1], s[3]);
                return;
            case ("PUT", "channels", 7) when s[2] == "messages" && s[4] == "reactions" && s[6] == "@me":
                await ReactAsync(context, s[1], s[3], Uri.UnescapeDataString(s[5]));
                return;
            case ("PATCH", "webhooks", 5) when s[3] == "messages" && s[4] == "@original":
                OriginalEdits[s[2]] = Parse(body)!;
                await JsonAsync(context, 200, new JsonObject { ["id"] = NewId(), ["channel_id"] = "0" });
                return;
            case ("POST", "webhooks", 3):
                await CreateMessageAsync(context, "webhook-" + s[1], body);
                return;
            case ("POST", "interactions", 4) when s[3] == "callback":
                Callbacks[s[1]] = Parse(body)!;
                context.Response.StatusCode = 204;
                return;
            case ("GET" or "PUT", "applications", 3 or 5) when s[^1] == "commands":
                await CommandsAsync(context, method, s.Length == 5 ? s[3] : null, body);
                return;
            case ("POST", "users", 3) when s[1] == "@me" && s[2] == "channels":
                await OpenDirectAsync(context, body);
                return;
            case ("GET", "gateway", 2) when s[1] == "bot":
                var ws = "ws://" + Root.Authority + "/gateway";
                await JsonAsync(context, 200, new JsonObject { ["url"] = ws, ["shards"] = 1 });
                return;
            default:
                await JsonAsync(context, 404, new JsonObject { ["message"] = "404: Not Found", ["code"] = 0 });
                return;
        }
    }

    private async Task CreateMessageAsync(HttpContext context, string channelId, string body)
    {
        if (!await TakeChannelSlotAsync(context, channelId))
        {
            return;
        }

        var json = Parse(body);
        if (Invalid(json) is { } error)
        {
            await JsonAsync(context, 400, new JsonObject { ["message"] = "Invalid Form Body", ["code"] = 50035, ["errors"] = error });
            return;
        }

        // Discord: with enforce_nonce, the same nonce in the same channel within a few minutes returns the message it created.
        var nonce = json!["nonce"]?.GetValue<string>();
        var enforce = nonce is not null && json["enforce_nonce"]?.GetValue<bool>() == true;
        EmulatedMessage message;
        bool created;
        lock (_create)
        {
            var now = DateTimeOffset.UtcNow;
            if (enforce && _nonces.TryGetValue(channelId + "|" + nonce, out var existing) && now - existing.At < NonceWindow)
            {
                message = Messages[existing.Id];
                created = false;
                NonceHits++;
            }
            else
            {
                message = new EmulatedMessage(NewId(), channelId, json);
                Messages[message.Id] = message;
                created = true;
                if (nonce is not null)
                {
                    _nonces[channelId + "|" + nonce] = (message.Id, now);
                }
            }
        }

        if (created && AnswerDelay > TimeSpan.Zero)
        {
            // The message exists; the answer is late: a client killed now never learns it was posted.
            await Task.Delay(AnswerDelay, context.RequestAborted);
        }

        await JsonAsync(context, 200, Message(message));
    }

    private async Task EditMessageAsync(HttpContext context, string channelId, string messageId, string body)
    {
        if (!Messages.TryGetValue(messageId, out var old) || old.ChannelId != channelId)
        {
            await JsonAsync(context, 404, new JsonObject { ["message"] = "Unknown Message", ["code"] = 10008 });
            return;
        }

        var json = Parse(body);
        if (Invalid(json) is { } error)
        {
            await JsonAsync(context, 400, new JsonObject { ["message"] = "Invalid Form Body", ["code"] = 50035, ["errors"] = error });
            return;
        }

        Messages[messageId] = old with { Body = json! };
        await JsonAsync(context, 200, Message(Messages[messageId]));
    }

    private async Task StartThreadAsync(HttpContext context, string channelId, string messageId)
    {
        if (!Messages.TryGetValue(messageId, out var parent) || parent.ChannelId != channelId)
        {
            await JsonAsync(context, 404, new JsonObject { ["message"] = "Unknown Message", ["code"] = 10008 });
            return;
        }

        if (!_threads.TryAdd(messageId, channelId))
        {
            await JsonAsync(context, 400, new JsonObject { ["message"] = "A thread has already been created for this message", ["code"] = 160004 });
            return;
        }

        await JsonAsync(context, 201, new JsonObject { ["id"] = messageId, ["type"] = 11, ["parent_id"] = channelId, ["name"] = "thread" });
    }

    /// <summary>Discord: reactions have a bucket of their own per channel (one every quarter second); the same one twice is a no-op.</summary>
    private async Task ReactAsync(HttpContext context, string channelId, string messageId, string emoji)
    {
        if (!await TakeSlotAsync(context, "reactions " + channelId, ReactionLimit, ReactionWindow, ReactionBucket))
        {
            return;
        }

        lock (_create)
        {
            if (!_reactions.Any(r => r.ChannelId == channelId && r.MessageId == messageId && r.Emoji == emoji))
            {
                _reactions.Enqueue(new EmulatedReaction(channelId, messageId, emoji, DateTimeOffset.UtcNow));
            }
        }

        context.Response.StatusCode = 204;
    }

    private async Task CommandsAsync(HttpContext context, string method, string? guildId, string body)
    {
        var key = guildId ?? "global";
        if (method == "PUT")
        {
            var commands = ParseNode(body, array: true) as JsonArray ?? [];
            foreach (var command in commands.OfType<JsonObject>())
            {
                command["id"] = NewId();
            }

            _commands[key] = commands;
        }

        await RawJsonAsync(context, 200, _commands.GetValueOrDefault(key)?.ToJsonString() ?? "[]");
    }

    private string NewId() => Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);

    private static JsonObject Message(EmulatedMessage message)
    {
        var json = (JsonObject)message.Body.DeepClone();
        json["id"] = message.Id;
        json["channel_id"] = message.ChannelId;
        json["author"] = new JsonObject { ["id"] = "1", ["username"] = "StatusBot", ["bot"] = true };
        return json;
    }

    private static JsonObject? Parse(string body) => ParseNode(body) as JsonObject;

    private static JsonNode? ParseNode(string body, bool array = false)
    {
        try
        {
            var node = JsonNode.Parse(body);
            return array ? node as JsonArray : node as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static async Task AnswerScriptedAsync(HttpContext context, Scripted scripted)
    {
        if (scripted.Hang is { } hang)
        {
            try
            {
                await Task.Delay(hang, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        foreach (var (name, value) in scripted.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        await RawJsonAsync(context, scripted.Status, scripted.Body);
    }

    private static Task JsonAsync(HttpContext context, int status, JsonNode body) => RawJsonAsync(context, status, body.ToJsonString());

    private static async Task RawJsonAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body, context.RequestAborted);
    }
}
