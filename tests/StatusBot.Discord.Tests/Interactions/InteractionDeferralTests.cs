using System.Net;
using StatusBot.Discord.Tests.Support;
using StatusBot.Testing.Discord;

namespace StatusBot.Discord.Tests.Interactions;

public sealed class InteractionDeferralTests
{
    [Fact]
    public async Task Post_SlowAdminCommand_DefersThenEditsOriginal()
    {
        var store = new GatedEventStore();
        await using var app = await DiscordTestApp.StartAsync(store: store, settings: new Dictionary<string, string?> { ["StatusBot:Discord:DeferAfterMilliseconds"] = "0" });
        store.Close();
        var body = DiscordPayloads.Command(
            "incident open",
            new Dictionary<string, object> { ["services"] = "streaming", ["impact"] = "major", ["title"] = "Streaming fails" },
            permissions: "8");
        var token = System.Text.Json.Nodes.JsonNode.Parse(body)!["token"]!.GetValue<string>();

        var (status, json, _) = await app.PostAsync(body);
        var editedBeforeDurable = app.Emulator.OriginalEdits.ContainsKey(token);
        store.Open();
        await app.DrainDeferredAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(5, json!["type"]!.GetValue<int>());
        Assert.Equal(64, json["data"]!["flags"]!.GetValue<int>());
        Assert.False(editedBeforeDurable);
        var edit = app.Emulator.OriginalEdits[token];
        Assert.Contains("INC-1", edit["embeds"]![0]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(edit["allowed_mentions"]!["parse"]!.AsArray());
        Assert.Single(app.State.OpenIncidentIds);
    }

    [Fact]
    public async Task Post_QuickReadCommandWithZeroBudget_AnswersInline()
    {
        await using var app = await DiscordTestApp.StartAsync(settings: new Dictionary<string, string?> { ["StatusBot:Discord:DeferAfterMilliseconds"] = "0" });

        var (_, json, _) = await app.PostAsync(DiscordPayloads.Command("status"));

        Assert.Equal(4, json!["type"]!.GetValue<int>());
    }
}
