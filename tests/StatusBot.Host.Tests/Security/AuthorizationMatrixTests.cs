using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StatusBot.Core.Chat;
using StatusBot.Core.Commands;
using StatusBot.Discord.Gateway;
using StatusBot.Host.ConsolePlatform;
using StatusBot.Testing.Discord;
using StatusBot.Testing.Slack;

namespace StatusBot.Host.Tests.Security;

/// <summary>
/// Every admin command of the catalog, on every way in, as someone who is not an admin: refused, and the board is the
/// same object afterwards (not one event stored). The list comes from the catalog, and the options from their kinds, so
/// a new admin command is covered the day it is added.
/// </summary>
public sealed class AuthorizationMatrixTests(SecuredServeFixture serve) : IClassFixture<SecuredServeFixture>
{
    private const string BotUserId = "1300000000000000009";

    public static TheoryData<string> AdminCommands() => [.. Catalog.All.Where(c => c.Permission == Permission.Admin).Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(AdminCommands))]
    public Task SlackSlashCommand_Viewer_Refused(string name) =>
        AssertRefusedOverHttpAsync(name, serve.Slack.Request("/slack/commands", SlackSigner.CommandBody("/statusbot", SlackText(name), SecuredServeFixture.SlackViewer), serve.Time.GetUtcNow()));

    [Theory]
    [MemberData(nameof(AdminCommands))]
    public Task DiscordHttpInteraction_Viewer_Refused(string name) =>
        AssertRefusedOverHttpAsync(name, serve.Discord.Request(new Uri(serve.Client.BaseAddress!, "/discord/interactions"), DiscordCommand(name), serve.Time.GetUtcNow()));

    [Theory]
    [MemberData(nameof(AdminCommands))]
    public async Task DiscordGatewayInteraction_Viewer_Refused(string name)
    {
        var before = serve.Board.Current;
        var id = DiscordPayloads.NextId();
        using var payload = JsonDocument.Parse(DiscordCommand(name, id));

        serve.Services.GetRequiredService<GatewayDispatcher>().Dispatch("INTERACTION_CREATE", payload.RootElement, BotUserId);
        await serve.DrainLateAnswersAsync();

        var callback = Assert.Single(serve.DiscordApi.RequestsTo($"/interactions/{id}/"));
        Assert.Contains($"Only admins can run '{name}'", SecuredServeFixture.Texts(callback.Body), StringComparison.Ordinal);
        Assert.Same(before, serve.Board.Current);
    }

    [Theory]
    [MemberData(nameof(AdminCommands))]
    public async Task DiscordGatewayMention_Viewer_Refused(string name)
    {
        var before = serve.Board.Current;
        var id = DiscordPayloads.NextId();
        var message = new Dictionary<string, object?>
        {
            ["id"] = id,
            ["channel_id"] = DiscordPayloads.ChannelId,
            ["guild_id"] = DiscordPayloads.GuildId,
            ["content"] = $"<@{BotUserId}> {SlackText(name)}",
            ["author"] = new Dictionary<string, object?> { ["id"] = DiscordPayloads.ViewerUserId, ["username"] = "viewer" },
            ["mentions"] = new[] { new Dictionary<string, object?> { ["id"] = BotUserId, ["username"] = "statusbot" } },
            ["member"] = new Dictionary<string, object?> { ["roles"] = Array.Empty<string>() },
        };
        using var payload = JsonDocument.Parse(JsonSerializer.Serialize(message));

        serve.Services.GetRequiredService<GatewayDispatcher>().Dispatch("MESSAGE_CREATE", payload.RootElement, BotUserId);
        await serve.DrainLateAnswersAsync();

        var reply = Assert.Single(serve.DiscordApi.RequestsTo($"/channels/{DiscordPayloads.ChannelId}/messages"), r => r.Body.Contains($"\"{id}\"", StringComparison.Ordinal));
        Assert.Contains($"Only admins can run '{name}'", SecuredServeFixture.Texts(reply.Body), StringComparison.Ordinal);
        Assert.Same(before, serve.Board.Current);
    }

    [Theory]
    [MemberData(nameof(AdminCommands))]
    public async Task ConsoleChatViewer_Refused(string name)
    {
        var before = serve.Board.Current;
        var chat = new ConsoleChat(serve.Services.GetRequiredService<ChatPipeline>());
        using var output = new StringWriter(CultureInfo.InvariantCulture);

        await chat.RunAsync(new StringReader(SlackText(name) + "\n"), output, ConsoleChat.Operator(viewer: true, CultureInfo.GetCultureInfo("en")), interactive: false, CancellationToken.None);

        Assert.Contains($"Only admins can run '{name}'", output.ToString(), StringComparison.Ordinal);
        Assert.Same(before, serve.Board.Current);
    }

    /// <summary>The "resolve" button on an incident card, pressed by someone who is not an admin.</summary>
    [Fact]
    public async Task SlackResolveButton_Viewer_RefusedEphemerallyAndChangesNothing()
    {
        var before = serve.Board.Current;
        var responseUrl = serve.SlackApi.ResponseUrl("button-" + Guid.NewGuid().ToString("N"));
        var payload = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["type"] = "block_actions",
            ["user"] = new Dictionary<string, object?> { ["id"] = SecuredServeFixture.SlackViewer, ["username"] = "viewer" },
            ["team"] = new Dictionary<string, object?> { ["id"] = "T1" },
            ["channel"] = new Dictionary<string, object?> { ["id"] = "C-GENERAL" },
            ["response_url"] = responseUrl,
            ["actions"] = new[] { new Dictionary<string, object?> { ["action_id"] = "resolve:INC-1", ["value"] = "incident resolve INC-1", ["type"] = "button" } },
        });
        using var request = serve.Slack.Request("/slack/interactions", "payload=" + Uri.EscapeDataString(payload), serve.Time.GetUtcNow());

        using var response = await serve.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var path = new Uri(responseUrl).AbsolutePath;
        var seen = await serve.SlackApi.WaitForAsync(requests => requests.Any(r => r.Path == path));
        var answered = seen.Single(r => r.Path == path);
        Assert.Contains("Only admins can run 'incident resolve'", SecuredServeFixture.Texts(answered.Body), StringComparison.Ordinal);
        Assert.Contains("\"ephemeral\"", answered.Body, StringComparison.Ordinal);
        Assert.Same(before, serve.Board.Current);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-the-token")]
    [InlineData("bearer ")]
    public async Task AdminApi_EveryRoute_WithoutTheToken_Is401AndChangesNothing(string? authorization)
    {
        var routes = serve.BodyRoutes().Where(r => r.Pattern.StartsWith("/api/admin/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(routes);
        foreach (var (method, pattern) in routes)
        {
            var before = serve.Board.Current;
            using var request = new HttpRequestMessage(new HttpMethod(method), SecuredServeFixture.PathOf(pattern))
            {
                Content = new StringContent("""{"services":["api"],"impact":"minor","title":"x","status":"identified","message":"x","confidence":"confirmed","text":"x"}""", System.Text.Encoding.UTF8, "application/json"),
            };
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            using var response = await serve.Client.SendAsync(request);

            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {pattern} answered {(int)response.StatusCode}");
            Assert.Same(before, serve.Board.Current);
        }
    }

    private async Task AssertRefusedOverHttpAsync(string name, HttpRequestMessage request)
    {
        var before = serve.Board.Current;

        using (request)
        {
            using var response = await serve.Client.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains($"Only admins can run '{name}'", SecuredServeFixture.Texts(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        Assert.Same(before, serve.Board.Current);
    }

    /// <summary>A valid value for each option, by kind (a few text options by name), so the command would run for an admin.</summary>
    private static string ValueFor(OptionSpec option) => option.Name switch
    {
        "start" => "in:2h",
        "duration" => "90m",
        "maintenance" => "MNT-1",
        "locale" => "fr",
        _ => option.Kind switch
        {
            OptionKind.Service or OptionKind.Services => "streaming",
            OptionKind.ServiceStatus => "degraded",
            OptionKind.IncidentStatus => "identified",
            OptionKind.Impact => "major",
            OptionKind.Confidence => "confirmed",
            OptionKind.PostmortemStep => "edit",
            OptionKind.IncidentId => "INC-1",
            OptionKind.Upstream => "aws-elb-us-east-1",
            OptionKind.Integer => "3",
            _ => "Hostile takeover attempt",
        },
    };

    /// <summary>The command as text, every option named: <c>incident open services:streaming impact:major title:"…"</c>.</summary>
    private static string SlackText(string name)
    {
        var spec = Catalog.Find(name)!;
        return string.Join(' ', [name, .. spec.Options.Select(o => $"{o.Name}:\"{ValueFor(o)}\"")]);
    }

    private static string DiscordCommand(string name, string? id = null)
    {
        var spec = Catalog.Find(name)!;
        var options = spec.Options.ToDictionary(
            o => o.Name,
            o => o.Kind == OptionKind.Integer ? (object)long.Parse(ValueFor(o), CultureInfo.InvariantCulture) : ValueFor(o));
        return DiscordPayloads.Command(name, options, userId: DiscordPayloads.ViewerUserId, id: id);
    }
}
