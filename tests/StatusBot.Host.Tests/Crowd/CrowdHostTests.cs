using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StatusBot.Announcing;
using StatusBot.Core.Crowd;
using StatusBot.Host.Tests.Slack;
using StatusBot.Testing.Discord;
using StatusBot.Testing.Slack;

namespace StatusBot.Host.Tests.Crowd;

/// <summary>
/// The crowd through the real serve app: signed Slack mentions and DMs and signed Discord commands from many people count
/// per service, and a crowd about a service with no open incident reaches the admin channel once, on the Slack emulator.
/// </summary>
[Collection(ProcessMetricsCollection.Name)]
public sealed class CrowdHostTests
{
    private const string AdminToken = "crowd-admin-token";

    private static Dictionary<string, string?> Settings(InteractionSigner discord) => new()
    {
        ["StatusBot:Announcements:AdminChannel:Platform"] = "slack",
        ["StatusBot:Announcements:AdminChannel:ChannelId"] = "COPS",
        ["StatusBot:Discord:ApplicationId"] = DiscordPayloads.ApplicationId,
        ["StatusBot:Discord:PublicKey"] = discord.PublicKeyHex,
        ["StatusBot:Admin:ApiTokens:0:Name"] = "on-call",
        ["StatusBot:Admin:ApiTokens:0:Sha256"] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData("crowd-admin-token"u8)),
    };

    /// <summary>A signed Events API delivery: a mention, or a DM when <paramref name="direct"/>.</summary>
    private static Task<HttpResponseMessage> SlackAsync(SlackHost host, string user, string text, bool direct, int n)
    {
        var payload = JsonNode.Parse(Fixtures.Read("slack-socket-mode-events-api.json"))!["payload"]!.AsObject();
        payload["event_id"] = $"EvCrowd{n}";
        var ev = payload["event"]!.AsObject();
        ev["user"] = user;
        ev["ts"] = $"1610241741.{n:D6}";
        ev["event_ts"] = $"1610241741.{n:D6}";
        ev["client_msg_id"] = Guid.NewGuid().ToString();
        if (direct)
        {
            ev["type"] = "message";
            ev["channel_type"] = "im";
            ev["channel"] = "D" + user;
            ev["text"] = text;
        }
        else
        {
            // Each in a channel of its own: answers in one channel are paced at one a second, as Slack asks.
            ev["text"] = "<@U111> " + text;
            ev["channel"] = $"C{n:D6}";
        }

        return host.Client.SendAsync(host.Signer.Request("/slack/events", payload.ToJsonString(), DateTimeOffset.UtcNow, json: true));
    }

    private static async Task<HttpStatusCode> DiscordAsync(SlackHost host, InteractionSigner signer, string userId, int n)
    {
        var body = DiscordPayloads.Command("status", new Dictionary<string, object> { ["service"] = "streaming" }, userId: userId, id: $"77000000000000{n:D4}");
        using var request = signer.Request(new Uri(host.Client.BaseAddress!, "discord/interactions"), body, DateTimeOffset.UtcNow);
        using var response = await host.Client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>Ten mentions, ten DMs and ten Discord commands, each from a different person, all about Streaming.</summary>
    private static async Task ThirtyAskersAsync(SlackHost host, InteractionSigner discord, int from = 0)
    {
        for (var i = from; i < from + 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SlackAsync(host, $"U-MENTION-{i}", "is streaming down?", direct: false, i)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await SlackAsync(host, $"U-DM-{i}", "is streaming down?", direct: true, 1000 + i)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, await DiscordAsync(host, discord, $"88000000000000{i:D4}", i));
        }

        await host.BackgroundWorkDoneAsync();
    }

    private static IEnumerable<SlackRecordedRequest> Notices(SlackEmulator emulator) =>
        emulator.Calls("chat.postMessage").Where(c => c.Field("channel") == "COPS");

    [Fact]
    public async Task ThirtyPeopleOnSlackAndDiscord_NoIncident_ExactlyOneNoticeInTheAdminChannel()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        using var discord = new InteractionSigner();
        await using var host = await SlackHost.StartAsync(emulator, Settings(discord));

        await ThirtyAskersAsync(host, discord);
        var requests = await emulator.WaitForAsync(r => r.Any(c => c.Method == "chat.postMessage" && c.Field("channel") == "COPS"));
        // The crowd keeps asking: still one notice after the announcer's next pass.
        await ThirtyAskersAsync(host, discord, from: 100);
        await host.Services.GetRequiredService<Announcer>().RunOnceAsync(CancellationToken.None);

        var notice = Assert.Single(Notices(emulator));
        Assert.Contains("20 people asked about Streaming in 5 minutes; no incident is open", SlackJson.AllText(notice.Json), StringComparison.Ordinal);
        Assert.Equal(60, host.Services.GetRequiredService<CrowdWatch>().CountOf("streaming").Askers);
        Assert.Empty(host.Board.Current.OpenIncidents);
    }

    [Fact]
    public async Task OpenIncidentButton_OnSlackAndDiscord_RefusedForAViewer_OpensTheIncidentForAnAdmin()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        using var discord = new InteractionSigner();
        await using var host = await SlackHost.StartAsync(emulator, Settings(discord));
        await ThirtyAskersAsync(host, discord);
        var requests = await emulator.WaitForAsync(r => r.Any(c => c.Method == "chat.postMessage" && c.Field("channel") == "COPS"));
        var button = Buttons(JsonNode.Parse(requests.First(c => c.Method == "chat.postMessage" && c.Field("channel") == "COPS").Json.GetRawText())).Single();
        Assert.Equal(("open:streaming", "incident open streaming major \"Reports from users\""), button);

        // Slack block_actions from a viewer, then a Discord press from a member without admin permissions: both refused.
        await host.Client.SendAsync(host.Signer.Request("/slack/interactions", Press("U-VIEWER", button.ActionId, button.Value, emulator), DateTimeOffset.UtcNow));
        await emulator.WaitForAsync(r => r.Any(c => c.Method == "response_url"));
        var (viewerStatus, viewerAnswer) = await PressOnDiscordAsync(host, discord, button.Value, DiscordPayloads.ViewerUserId, permissions: "0");
        Assert.Equal(HttpStatusCode.OK, viewerStatus);
        Assert.Contains("admin", viewerAnswer, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(host.Board.Current.OpenIncidents);

        // An admin's press on Discord opens it; the same press from a Slack admin then finds it open already.
        var (adminStatus, _) = await PressOnDiscordAsync(host, discord, button.Value, DiscordPayloads.AdminUserId, permissions: "8");
        await host.BackgroundWorkDoneAsync();
        Assert.Equal(HttpStatusCode.OK, adminStatus);
        var incident = Assert.Single(host.Board.Current.OpenIncidents);
        Assert.Equal("Reports from users", incident.Title);
        Assert.True(incident.Affects("streaming"));
        Assert.Equal(DiscordPayloads.AdminUserId, incident.Timeline[0].Author.UserId);
    }

    [Fact]
    public async Task OpenIncidentButton_SlackAdminPress_OpensTheIncident()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        using var discord = new InteractionSigner();
        await using var host = await SlackHost.StartAsync(emulator, Settings(discord));
        await ThirtyAskersAsync(host, discord);
        var requests = await emulator.WaitForAsync(r => r.Any(c => c.Method == "chat.postMessage" && c.Field("channel") == "COPS"));
        var button = Buttons(JsonNode.Parse(requests.First(c => c.Method == "chat.postMessage" && c.Field("channel") == "COPS").Json.GetRawText())).Single();

        await host.Client.SendAsync(host.Signer.Request("/slack/interactions", Press("U-LISTED-ADMIN", button.ActionId, button.Value, emulator), DateTimeOffset.UtcNow));
        await emulator.WaitForAsync(r => r.Any(c => c.Method == "response_url"));
        await host.BackgroundWorkDoneAsync();

        var incident = Assert.Single(host.Board.Current.OpenIncidents);
        Assert.Equal("Reports from users", incident.Title);
        Assert.Equal("U-LISTED-ADMIN", incident.Timeline[0].Author.UserId);
    }

    /// <summary>Every button of a posted message: its action id and the command it carries.</summary>
    private static IEnumerable<(string ActionId, string Value)> Buttons(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o when o["type"]?.GetValue<string>() == "button":
                yield return (o["action_id"]!.GetValue<string>(), o["value"]!.GetValue<string>());
                break;
            case JsonObject o:
                foreach (var (_, child) in o)
                {
                    foreach (var b in Buttons(child))
                    {
                        yield return b;
                    }
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    foreach (var b in Buttons(child))
                    {
                        yield return b;
                    }
                }

                break;
        }
    }

    private static string Press(string userId, string actionId, string value, SlackEmulator emulator)
    {
        var payload = JsonNode.Parse(Fixtures.Read("slack-block-actions.json"))!.AsObject();
        payload["user"]!["id"] = userId;
        payload["response_url"] = emulator.ResponseUrl("press");
        payload["trigger_id"] = "7.8." + Guid.NewGuid().ToString("N");
        payload["actions"]![0]!["action_id"] = actionId;
        payload["actions"]![0]!["value"] = value;
        return "payload=" + Uri.EscapeDataString(payload.ToJsonString(new System.Text.Json.JsonSerializerOptions()));
    }

    private static async Task<(HttpStatusCode Status, string Body)> PressOnDiscordAsync(SlackHost host, InteractionSigner signer, string customId, string userId, string permissions)
    {
        using var request = signer.Request(new Uri(host.Client.BaseAddress!, "discord/interactions"), DiscordPayloads.Press(customId, userId, permissions), DateTimeOffset.UtcNow);
        using var response = await host.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SamePersonAskingAgain_CountsOnce_AndAppearsOnMetricsAndTheAdminApi()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        using var discord = new InteractionSigner();
        await using var host = await SlackHost.StartAsync(emulator, Settings(discord));

        for (var i = 0; i < 5; i++)
        {
            await SlackAsync(host, "U-SAME", "is streaming down?", direct: i % 2 == 0, i);
        }

        await DiscordAsync(host, discord, "880000000000000001", 1);
        await host.BackgroundWorkDoneAsync();
        var metrics = await host.Client.GetStringAsync("/metrics");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/crowd");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        using var api = await host.Client.SendAsync(request);
        using var anonymous = await host.Client.GetAsync("/api/admin/crowd");

        Assert.Contains("statusbot_crowd_askers{service=\"streaming\"} 2", metrics, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var json = JsonNode.Parse(await api.Content.ReadAsStringAsync())!;
        Assert.Equal(20, json["threshold"]!.GetValue<int>());
        var streaming = json["services"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == "streaming")!;
        Assert.Equal(2, streaming["askers"]!.GetValue<int>());
        Assert.Empty(Notices(emulator));
    }

    [Fact]
    public async Task ThirtyPeople_WhileAnIncidentIsOpen_NoNotice()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        using var discord = new InteractionSigner();
        await using var host = await SlackHost.StartAsync(emulator, Settings(discord));
        using var open = new HttpRequestMessage(HttpMethod.Post, "/api/admin/incidents")
        {
            Content = new StringContent("""{"services":["streaming"],"impact":"major","title":"Streaming fails on TV devices"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        open.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        Assert.Equal(HttpStatusCode.Created, (await host.Client.SendAsync(open)).StatusCode);

        await ThirtyAskersAsync(host, discord);
        await host.Services.GetRequiredService<Announcer>().RunOnceAsync(CancellationToken.None);

        Assert.Empty(Notices(emulator));
        Assert.Empty(host.Board.Current.Announcements.Crowds);
        Assert.Equal(30, host.Services.GetRequiredService<CrowdWatch>().CountOf("streaming").Askers);
    }
}

/// <summary>
/// The crowd gauges are read from the process's one metrics registry, from the host started last: these tests run apart
/// from the others so that host is theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessMetricsCollection
{
    public const string Name = "Process metrics";
}
