using System.Net;
using System.Text.Json.Nodes;
using StatusBot.Discord.Tests.Support;
using StatusBot.Testing.Discord;

namespace StatusBot.Discord.Tests.Interactions;

public sealed class InteractionEndpointsCommandTests : IAsyncLifetime
{
    private static readonly Dictionary<string, object> OpenStreaming = new()
    {
        ["services"] = "streaming",
        ["impact"] = "major",
        ["title"] = "Streaming fails on TV devices",
    };

    private DiscordTestApp _app = null!;

    public async Task InitializeAsync() => _app = await DiscordTestApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Post_Status_ReturnsEphemeralEmbedThatPingsNobody()
    {
        var (status, json, _) = await _app.PostAsync(DiscordPayloads.Command("status"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(4, json!["type"]!.GetValue<int>());
        Assert.Equal(64, json["data"]!["flags"]!.GetValue<int>());
        Assert.Empty(json["data"]!["allowed_mentions"]!["parse"]!.AsArray());
        Assert.Contains("Streaming", json["data"]!["embeds"]![0]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_StatusWithServiceOption_AnswersForThatService()
    {
        var (_, json, _) = await _app.PostAsync(DiscordPayloads.Command("status", new Dictionary<string, object> { ["service"] = "video" }));

        var embed = json!["data"]!["embeds"]![0]!.ToJsonString();
        Assert.Contains("Streaming", embed, StringComparison.Ordinal);
        Assert.DoesNotContain("Billing", embed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_StatusAfterAnIncidentOpens_ShowsTheIncidentAtOnce()
    {
        await _app.PostAsync(DiscordPayloads.Command("status"));
        await _app.PostAsync(DiscordPayloads.Command("incident open", OpenStreaming, permissions: "8"));

        var (_, json, _) = await _app.PostAsync(DiscordPayloads.Command("status"));

        Assert.Contains("Streaming fails on TV devices", json!["data"]!["embeds"]![0]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_StatusInTwoLanguagesInTheSameSecond_AnswersEachInItsLanguage()
    {
        var english = await _app.PostAsync(DiscordPayloads.Command("status", locale: "en-US"));

        var french = await _app.PostAsync(DiscordPayloads.Command("status", locale: "fr"));

        Assert.NotEqual(english.Json!["data"]!.ToJsonString(), french.Json!["data"]!.ToJsonString());
    }

    [Fact]
    public async Task Post_UnknownCommand_ReturnsUsage()
    {
        var (status, json, _) = await _app.PostAsync(DiscordPayloads.Command("reboot"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("/reboot", json!["data"]!["embeds"]![0]!["title"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_GroupWithoutSubcommand_ListsTheGroupsCommands()
    {
        var (_, json, _) = await _app.PostAsync(DiscordPayloads.Command("incident"));

        Assert.Contains("/incident open", json!["data"]!["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_AdminCommandByViewer_IsRefusedAndChangesNothing()
    {
        var before = _app.State;

        var (_, json, _) = await _app.PostAsync(DiscordPayloads.Command("incident open", OpenStreaming, permissions: "2048"));

        Assert.Equal(0x992D22, json!["data"]!["embeds"]![0]!["color"]!.GetValue<int>());
        Assert.Same(before, _app.State);
        Assert.Empty(_app.State.OpenIncidentIds);
    }

    [Theory]
    [InlineData("8", null, null)]
    [InlineData("32", null, null)]
    [InlineData("2147483647", null, null)]
    [InlineData("0", "1600000000000000001", null)]
    [InlineData("0", null, DiscordPayloads.AdminUserId)]
    public async Task Post_AdminCommandByAdmin_OpensTheIncident(string permissions, string? role, string? user)
    {
        var body = DiscordPayloads.Command("incident open", OpenStreaming, userId: user, permissions: permissions, roles: role is null ? null : [role]);

        var (status, _, _) = await _app.PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Single(_app.State.OpenIncidentIds);
    }

    [Fact]
    public async Task Post_ReplayedAdminCommand_RunsOnce()
    {
        var body = DiscordPayloads.Command("incident open", OpenStreaming, permissions: "8");
        var first = await _app.PostAsync(body);

        var second = await _app.PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, second.Status);
        Assert.Single(_app.State.Incidents);
    }

    [Fact]
    public async Task Post_EveryoneInTitle_PingsNobody()
    {
        var options = new Dictionary<string, object>(OpenStreaming) { ["title"] = "@everyone @here <@&1600000000000000001> down" };

        var (_, json, _) = await _app.PostAsync(DiscordPayloads.Command("incident open", options, permissions: "8"));

        var data = json!["data"]!;
        Assert.Empty(data["allowed_mentions"]!["parse"]!.AsArray());
        var text = data.ToJsonString();
        Assert.DoesNotContain("@everyone", text, StringComparison.Ordinal);
        Assert.DoesNotContain("@here", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<@&", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_FrenchLocale_AnswersInFrench()
    {
        var english = await _app.PostAsync(DiscordPayloads.Command("incident open", OpenStreaming, permissions: "2048", locale: "en-US"));

        var french = await _app.PostAsync(DiscordPayloads.Command("incident open", OpenStreaming, permissions: "2048", locale: "fr"));

        var en = english.Json!["data"]!["embeds"]![0]!["title"]!.GetValue<string>();
        var fr = french.Json!["data"]!["embeds"]![0]!["title"]!.GetValue<string>();
        Assert.NotEqual(en, fr);
        Assert.Contains("admin", fr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Post_InvalidOptionValue_ReturnsUsageAndChangesNothing()
    {
        var options = new Dictionary<string, object>(OpenStreaming) { ["services"] = "toaster" };

        var (_, json, _) = await _app.PostAsync(DiscordPayloads.Command("incident open", options, permissions: "8"));

        Assert.Contains("toaster", json!["data"]!["embeds"]![0]!["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(_app.State.Incidents);
    }

    [Fact]
    public async Task Post_AutocompleteService_SuggestsMatchingServices()
    {
        var body = DiscordPayloads.Command("status", new Dictionary<string, object> { ["service"] = "str" }, type: 4, focused: "service");

        var (_, json, _) = await _app.PostAsync(body);

        Assert.Equal(8, json!["type"]!.GetValue<int>());
        var choice = Assert.Single(json["data"]!["choices"]!.AsArray());
        Assert.Equal("streaming", choice!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_AutocompleteIncidentId_SuggestsOpenIncidents()
    {
        await _app.PostAsync(DiscordPayloads.Command("incident open", OpenStreaming, permissions: "8"));
        var body = DiscordPayloads.Command("incident resolve", new Dictionary<string, object> { ["id"] = "" }, type: 4, focused: "id", permissions: "8");

        var (_, json, _) = await _app.PostAsync(body);

        var choice = Assert.Single(json!["data"]!["choices"]!.AsArray());
        Assert.Equal("INC-1", choice!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_AutocompleteServicesList_KeepsTheNamesAlreadyTyped()
    {
        var body = DiscordPayloads.Command("incident open", new Dictionary<string, object> { ["services"] = "streaming, bil" }, type: 4, focused: "services", permissions: "8");

        var (_, json, _) = await _app.PostAsync(body);

        var choice = Assert.Single(json!["data"]!["choices"]!.AsArray());
        Assert.Equal("streaming, billing", choice!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_InteractionWithoutUser_Returns400()
    {
        var body = JsonNode.Parse(DiscordPayloads.Command("status"))!.AsObject();
        body.Remove("member");

        var (status, _, _) = await _app.PostAsync(body.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }
}
