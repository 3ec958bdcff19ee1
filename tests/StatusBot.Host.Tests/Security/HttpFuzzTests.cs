using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StatusBot.Discord.Gateway;
using StatusBot.Testing.Discord;
using StatusBot.Testing.Fuzz;

namespace StatusBot.Host.Tests.Security;

/// <summary>
/// Random bodies and headers to every route that takes a body, through the real app: signed as the platform would
/// (so the mappers behind the signature check are reached), unsigned, or with garbage headers. Never a 5xx, and no
/// error with an exception logged (work handed to the background must not crash either).
/// </summary>
public sealed class HttpFuzzTests(SecuredServeFixture serve) : IClassFixture<SecuredServeFixture>
{
    private static readonly string[] Keys =
    [
        "type", "id", "name", "value", "options", "data", "member", "user", "username", "permissions", "roles", "token", "guild_id",
        "channel_id", "locale", "focused", "command", "text", "user_id", "channel", "event", "challenge", "event_id", "actions",
        "action_id", "subtype", "bot_id", "services", "impact", "title", "status", "message", "confidence", "note", "users", "segments",
        "application_id", "version", "envelope_id", "payload", "team", "thread_ts", "ts", "authorizations", "is_bot",
    ];

    private static readonly string[] Words =
    [
        "status", "incident", "open", "why", "help", "history", "uptime", "streaming", "api", "major", "INC-1", "/statusbot", "/incident",
        "event_callback", "url_verification", "app_mention", "message", "block_actions", "1", "2", "4", "8", DiscordPayloads.AdminUserId,
        DiscordPayloads.ViewerUserId, SecuredServeFixture.SlackViewer, "@everyone", "<!channel>", "", "\u202E", "fr", "en-US", "null",
    ];

    private static readonly Gen<string> Text = Gen.Frequency((4, Gen.OneOf(Words)), (1, Gen.String[Gen.Char, 0, 40]));

    private static readonly Gen<JsonNode?> Primitive = Gen.Frequency(
        (4, Text.Select(s => (JsonNode?)JsonValue.Create(s))),
        (2, Gen.Long.Select(n => (JsonNode?)JsonValue.Create(n))),
        (1, Gen.Double.Select(d => (JsonNode?)JsonValue.Create(double.IsFinite(d) ? d : 0))),
        (1, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
        (1, Gen.Const((JsonNode?)null)));

    private static readonly Gen<string> Json = Node(3).Select(n => n?.ToJsonString() ?? "null");

    private static readonly Gen<string> Form = Gen.Select(Gen.OneOf(Keys), Gen.Frequency((3, Text), (1, Json))).Array[0, 8]
        .Select(fields => string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Item1) + "=" + Uri.EscapeDataString(f.Item2))));

    /// <summary>Slash commands and Discord commands with random words: deep enough to reach the dispatcher.</summary>
    private static readonly Gen<string> PlatformShaped = Gen.OneOf(
        Gen.Select(Gen.OneOf("/statusbot", "/incident", "/why", "/nope"), Text.Array[0, 6], Gen.OneOf(Words)).Select((c, words, user) =>
            $"command={Uri.EscapeDataString(c)}&text={Uri.EscapeDataString(string.Join(' ', words))}&user_id={Uri.EscapeDataString(user)}&channel_id=C1"),
        Gen.Select(Gen.OneOf("status", "why", "history", "uptime", "incident show", "incident open", "help", "nope"), Gen.Select(Gen.OneOf(Keys), Text).Array[0, 4], Gen.Int[1, 5])
            .Select((name, options, type) => DiscordPayloads.Command(name, options.DistinctBy(o => o.Item1).ToDictionary(o => o.Item1, o => (object)o.Item2), type: type)),
        Gen.Select(Gen.OneOf("app_mention", "message"), Text.Array[0, 6]).Select((type, words) =>
            new JsonObject
            {
                ["type"] = "event_callback",
                ["event_id"] = "Ev" + Guid.NewGuid().ToString("N"),
                ["event"] = new JsonObject { ["type"] = type, ["user"] = "U-VIEWER", ["channel"] = "C1", ["ts"] = "1.2", ["text"] = string.Join(' ', words) },
            }.ToJsonString()));

    private static readonly Gen<byte[]> Body = Gen.Frequency(
        (3, Json.Select(Encoding.UTF8.GetBytes)),
        (3, Form.Select(Encoding.UTF8.GetBytes)),
        (3, PlatformShaped.Select(Encoding.UTF8.GetBytes)),
        (1, Gen.Byte.Array[0, 300]));

    private static readonly Gen<string?> ContentType = Gen.OneOf<string?>(
        null, "application/json", "application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x", "application/json; charset=utf-16", "garbage/;;;");

    /// <summary>0: signed as the platform signs; 1: no signature; 2: garbage signature headers.</summary>
    private static readonly Gen<int> Signing = Gen.Frequency((6, Gen.Const(0)), (1, Gen.Const(1)), (1, Gen.Const(2)));

    [Fact]
    public async Task EveryBodyRoute_AnyBodyAndHeaders_NeverA5xx()
    {
        var routes = serve.BodyRoutes();
        var headerJunk = Gen.Frequency((3, Gen.String[Gen.Char[' ', '~'], 0, 80]), (1, Gen.OneOf("v0=", "v0=00", "0", "-1", "99999999999999999999", "")));
        var cases = Gen.Select(Gen.Int[0, routes.Count - 1], Body, ContentType, Signing, headerJunk);

        var accepted = 0;
        await cases.SampleAsync(async (route, body, contentType, signing, junk) =>
        {
            var (method, pattern) = routes[route];
            using var request = serve.Signed(method, SecuredServeFixture.PathOf(pattern), body, contentType);
            if (contentType is null)
            {
                request.Content!.Headers.Remove("Content-Type");
            }

            if (signing > 0)
            {
                foreach (var header in (string[])["X-Slack-Signature", "X-Slack-Request-Timestamp", "X-Signature-Ed25519", "X-Signature-Timestamp"])
                {
                    request.Headers.Remove(header);
                    if (signing == 2)
                    {
                        request.Headers.TryAddWithoutValidation(header, junk);
                    }
                }

                request.Headers.Authorization = signing == 2 ? new AuthenticationHeaderValue("Bearer", "x" + junk.Length) : null;
            }

            using var response = await serve.Client.SendAsync(request);

            Assert.True((int)response.StatusCode < 500, $"{method} {pattern} answered {(int)response.StatusCode}");
            if (response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref accepted);
            }
        }, iter: FuzzBudget.Iterations(600), threads: 2);

        await serve.DrainLateAnswersAsync();
        Assert.True(accepted > 0, "no case got past the signature check: the property would only test the 401 path");
        var crashes = serve.Logs.Where(l => l.Level >= LogLevel.Error && l.Exception is not null).ToList();
        Assert.True(crashes.Count == 0, string.Join("\n\n", crashes.Take(3).Select(c => $"{c.Category}: {c.Message}\n{c.Exception}")));
    }

    /// <summary>
    /// Gateway events of any shape go through the same dispatcher as real ones; it runs them in the background and logs a
    /// failure, so the property is: no error with an exception was logged for any of them.
    /// </summary>
    [Fact]
    public async Task DiscordGateway_AnyInteractionOrMessage_NeverCrashes()
    {
        const string bot = "1300000000000000009";
        var dispatcher = serve.Services.GetRequiredService<GatewayDispatcher>();
        var interaction = Gen.Select(Gen.OneOf("status", "why", "incident show", "incident open", "help", "nope"), Gen.Select(Gen.OneOf(Keys), Text).Array[0, 4], Gen.Int[0, 6])
            .Select((name, options, type) => JsonNode.Parse(DiscordPayloads.Command(name, options.DistinctBy(o => o.Item1).ToDictionary(o => o.Item1, o => (object)o.Item2), type: type))!);
        var mention = Gen.Select(Text.Array[0, 8], Gen.Bool, Gen.Bool).Select((words, mentioned, guild) => (JsonNode)new JsonObject
        {
            ["id"] = DiscordPayloads.NextId(),
            ["channel_id"] = DiscordPayloads.ChannelId,
            ["guild_id"] = guild ? DiscordPayloads.GuildId : null,
            ["content"] = $"<@{bot}> " + string.Join(' ', words),
            ["author"] = new JsonObject { ["id"] = DiscordPayloads.ViewerUserId, ["username"] = "viewer" },
            ["mentions"] = mentioned ? new JsonArray(new JsonObject { ["id"] = bot }) : new JsonArray(),
        });
        var events = Gen.Select(
            Gen.OneOf("INTERACTION_CREATE", "MESSAGE_CREATE", "GUILD_CREATE"),
            Gen.Frequency((3, interaction.Select(n => (JsonNode?)n)), (3, mention.Select(n => (JsonNode?)n)), (2, Node(3))));
        var errorsBefore = serve.Logs.Count(l => l.Level >= LogLevel.Error);

        events.Sample((type, data) =>
        {
            using var document = JsonDocument.Parse(data?.ToJsonString() ?? "null");
            dispatcher.Dispatch(type, document.RootElement.Clone(), bot);
        }, iter: FuzzBudget.Iterations(600), threads: 1);

        // Hundreds of replies exceed Discord's 50 requests a second; the REST client waits that out on the fake clock.
        await serve.DrainLateAnswersAsync();

        var crashes = serve.Logs.Where(l => l.Level >= LogLevel.Error).Skip(errorsBefore).ToList();
        Assert.True(crashes.Count == 0, string.Join("\n\n", crashes.Take(3).Select(c => $"{c.Category}: {c.Message}\n{c.Exception}")));
    }

    /// <summary>Found by the property above: data of the wrong shape was logged as an error with a stack trace.</summary>
    [Theory]
    [InlineData("INTERACTION_CREATE", "\"a string\"")]
    [InlineData("MESSAGE_CREATE", "[1,2]")]
    [InlineData("INTERACTION_CREATE", "{\"id\":{}}")]
    public async Task DiscordGateway_DataOfTheWrongShape_IsAWarningNotAnError(string type, string json)
    {
        var errorsBefore = serve.Logs.Count(l => l.Level >= LogLevel.Error);
        using var document = JsonDocument.Parse(json);

        serve.Services.GetRequiredService<GatewayDispatcher>().Dispatch(type, document.RootElement.Clone(), "1300000000000000009");
        await serve.DrainLateAnswersAsync();

        Assert.Equal(errorsBefore, serve.Logs.Count(l => l.Level >= LogLevel.Error));
        Assert.Contains(serve.Logs, l => l.Level == LogLevel.Warning && l.Message.StartsWith($"Ignored a malformed gateway event {type}", StringComparison.Ordinal));
    }

    private static Gen<JsonNode?> Node(int depth) => FuzzJson.Node(Keys, Primitive, depth);
}
