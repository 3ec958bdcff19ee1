using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StatusBot.Core.Announcing;
using StatusBot.Core.Chat;
using StatusBot.Testing;
using StatusBot.Testing.Discord;
using StatusBot.Testing.Slack;

namespace StatusBot.Host.Tests.Security;

/// <summary>
/// A full run with every secret configured: good requests, bad signatures, wrong tokens, malformed bodies, and platform
/// calls that fail (Slack and Discord refusing the bot's posts). Every log line, at every level, with its structured
/// values and exception, is then searched for each secret: none may appear.
/// </summary>
public sealed class SecretLeakTests(SecretLeakTests.Fixture serve) : IClassFixture<SecretLeakTests.Fixture>
{
    [Fact]
    public async Task FullRun_GoodBadAndFailing_NoSecretInAnyLogLine()
    {
        serve.SlackApi.Script("chat.postMessage", SlackScript.Error("invalid_auth"), SlackScript.Error("not_in_channel"), SlackScript.Error("invalid_auth"));
        serve.SlackApi.Script("users.info", SlackScript.Error("user_not_found"));
        serve.DiscordApi.Script("/channels/", Scripted.Forbidden(), Scripted.NotFound(), Scripted.Forbidden());
        var dispatcher = serve.Services.GetRequiredService<ChatPipeline>();
        await dispatcher.RunAsync("channel subscribe", TestBot.Admin() with { Channel = new ChannelRef("slack", "C-ANN") });
        await dispatcher.RunAsync("channel subscribe", TestBot.Admin() with { Channel = new ChannelRef("discord", DiscordPayloads.ChannelId, DiscordPayloads.GuildId) });

        var statuses = new List<HttpStatusCode>
        {
            await SendAsync(serve.Slack.Request("/slack/commands", SlackSigner.CommandBody("/statusbot", "status"), serve.Time.GetUtcNow())),
            await SendAsync(serve.Slack.Request("/slack/commands", SlackSigner.CommandBody("/statusbot", "incident open api minor x", "U-STRANGER"), serve.Time.GetUtcNow())),
            await SendAsync(serve.Slack.Request("/slack/commands", SlackSigner.CommandBody("/statusbot", "status"), serve.Time.GetUtcNow(), signature: "v0=" + new string('0', 64))),
            await SendAsync(serve.Slack.Request("/slack/commands", SlackSigner.CommandBody("/statusbot", "status"), serve.Time.GetUtcNow().AddHours(-1))),
            await SendAsync(serve.Slack.Request("/slack/events", AppMention("is streaming down?"), serve.Time.GetUtcNow(), json: true)),
            await SendAsync(serve.Slack.Request("/slack/events", "{not json", serve.Time.GetUtcNow(), json: true)),
            await SendAsync(serve.Discord.Request(Discord, DiscordPayloads.Command("status"), serve.Time.GetUtcNow())),
            await SendAsync(serve.Discord.Request(Discord, "{not json", serve.Time.GetUtcNow())),
            await SendAsync(new InteractionSigner().Request(Discord, DiscordPayloads.Ping(), serve.Time.GetUtcNow())),
            await SendAsync(Admin("""{"services":["api"],"impact":"minor","title":"Slow API"}""", serve.AdminToken)),
            await SendAsync(Admin("""{"services":["api"],"impact":"minor","title":"Slow API"}""", "wrong-" + serve.AdminToken[..6])),
            await SendAsync(Admin("""{"services":["nope"]""", serve.AdminToken)),
        };

        // The announcements of the incident opened above, refused by both platforms, and the mention's failed reply.
        await serve.SlackApi.WaitForAsync(r => r.Any(x => x.Method == "chat.postMessage"), TimeSpan.FromSeconds(20));
        // The mention's reply waits for the channel's pacing on the test's clock.
        await serve.DrainLateAnswersAsync();

        Assert.Contains(HttpStatusCode.Unauthorized, statuses);
        Assert.Contains(HttpStatusCode.Created, statuses);
        Assert.Contains(serve.Logs, l => l.Level >= LogLevel.Warning);
        var leaks = serve.Logs
            .SelectMany(l => serve.Secrets.Where(s => l.Message.Contains(s, StringComparison.Ordinal) || (l.Exception?.Contains(s, StringComparison.Ordinal) ?? false)).Select(s => $"{l.Category} ({l.Level}): {l.Message}"))
            .ToList();
        Assert.Empty(leaks);
    }

    private Uri Discord => new(serve.Client.BaseAddress!, "/discord/interactions");

    private async Task<HttpStatusCode> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await serve.Client.SendAsync(request);
            return response.StatusCode;
        }
    }

    private static HttpRequestMessage Admin(string body, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/incidents") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        return request;
    }

    private static string AppMention(string text) => new JsonObject
    {
        ["type"] = "event_callback",
        ["event_id"] = "Ev" + Guid.NewGuid().ToString("N"),
        ["authorizations"] = new JsonArray(new JsonObject { ["user_id"] = "U-BOT", ["is_bot"] = true }),
        ["event"] = new JsonObject { ["type"] = "app_mention", ["user"] = SecuredServeFixture.SlackViewer, ["channel"] = "C-GENERAL", ["ts"] = "1.2", ["text"] = "<@U-BOT> " + text },
    }.ToJsonString();

    /// <summary>Its own app, so the captured logs are this run's only.</summary>
    public sealed class Fixture : SecuredServeFixture;
}
