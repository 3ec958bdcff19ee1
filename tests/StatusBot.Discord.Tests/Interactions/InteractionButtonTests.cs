using System.Net;
using System.Text.Json.Nodes;
using StatusBot.Discord.Tests.Support;
using StatusBot.Testing.Discord;

namespace StatusBot.Discord.Tests.Interactions;

/// <summary>Buttons under answers and posts: what they carry, and a press going through the pipeline as the presser.</summary>
public sealed class InteractionButtonTests : IAsyncLifetime
{
    private DiscordTestApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = await DiscordTestApp.StartAsync();
        var open = new Dictionary<string, object> { ["services"] = "streaming", ["impact"] = "major", ["title"] = "Streaming fails" };
        await _app.PostAsync(DiscordPayloads.Command("incident open", open, permissions: "8"));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Status_WithAnOpenIncident_ViewerSeesTheTimelineButtonOnly_AdminAlsoResolve()
    {
        var service = new Dictionary<string, object> { ["service"] = "streaming" };
        var viewer = (await _app.PostAsync(DiscordPayloads.Command("status", service))).Json!;
        var admin = (await _app.PostAsync(DiscordPayloads.Command("status", service, permissions: "8"))).Json!;

        Assert.Equal(["incident show INC-1", "follow streaming resolved"], CustomIds(viewer));
        Assert.Equal(["incident show INC-1", "follow streaming resolved", "incident resolve INC-1"], CustomIds(admin));
        var row = admin["data"]!["components"]![0]!;
        Assert.Equal(1, row["type"]!.GetValue<int>());
        Assert.Equal(2, row["components"]![0]!["type"]!.GetValue<int>());
    }

    [Fact]
    public async Task Press_ResolveByViewer_RefusedEphemerallyAndChangesNothing()
    {
        var before = _app.State;

        var (status, json, _) = await _app.PostAsync(DiscordPayloads.Press("incident resolve INC-1"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(4, json!["type"]!.GetValue<int>());
        Assert.Equal(64, json["data"]!["flags"]!.GetValue<int>());
        Assert.Same(before, _app.State);
        Assert.Single(_app.State.OpenIncidentIds);
    }

    [Fact]
    public async Task Press_ResolveByAdmin_ResolvesAndAnswersThePresserAlone()
    {
        var (_, json, _) = await _app.PostAsync(DiscordPayloads.Press("incident resolve INC-1", DiscordPayloads.AdminUserId, permissions: "8"));

        Assert.Equal(64, json!["data"]!["flags"]!.GetValue<int>());
        Assert.Empty(_app.State.OpenIncidentIds);
        Assert.True(_app.State.Incidents.Values.Single().IsResolved);
    }

    [Fact]
    public async Task Press_ReplayedInteraction_RunsOnce()
    {
        var body = DiscordPayloads.Press("incident update INC-1 monitoring \"Fix deployed\"", DiscordPayloads.AdminUserId, permissions: "8");

        await _app.PostAsync(body);
        var afterFirst = _app.State;
        await _app.PostAsync(body);

        Assert.Same(afterFirst, _app.State);
    }

    [Theory]
    [InlineData("sudo incident resolve INC-1")]
    [InlineData("")]
    [InlineData("incident resolve INC-1\nservice set billing major")]
    public async Task Press_CustomIdThatIsNoCatalogCommand_SaysTheButtonIsStaleAndChangesNothing(string customId)
    {
        var before = _app.State;

        var (status, json, _) = await _app.PostAsync(DiscordPayloads.Press(customId, DiscordPayloads.AdminUserId, permissions: "8"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(64, json!["data"]!["flags"]!.GetValue<int>());
        Assert.Contains("no longer valid", json["data"]!["embeds"]![0]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Same(before, _app.State);
    }

    private static List<string> CustomIds(JsonNode response) =>
        [.. (response["data"]!["components"]?.AsArray() ?? [])
            .SelectMany(row => row!["components"]!.AsArray())
            .Select(button => button!["custom_id"]!.GetValue<string>())];
}
