using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StatusBot.Core.Board;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.Publishing;
using StatusBot.Discord.Tests.Support;
using StatusBot.Testing.Discord;

namespace StatusBot.Discord.Tests.Interactions;

/// <summary>The Approve, Edit and Skip buttons of a public draft's admin notice, pressed on Discord.</summary>
public sealed class PublishButtonTests : IAsyncLifetime
{
    private DiscordTestApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = await DiscordTestApp.StartAsync();
        var open = new Dictionary<string, object> { ["services"] = "streaming", ["impact"] = "major", ["title"] = "Streaming fails" };
        await _app.PostAsync(DiscordPayloads.Command("incident open", open, permissions: "8"));
        var board = _app.Services.GetRequiredService<StatusBoard>();
        await board.ExecuteAsync(
            _ => Decision.Apply(new PublicDraftWritten(
                Actor.System, _app.Time.GetUtcNow(), "PUB-1", "mastodon", "mastodon", "INC-1", 1, PublicPostKind.Opened,
                "We're investigating a problem with Streaming.", "https://status.example.com/incidents/INC-1", Approved: false)),
            CancellationToken.None);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Press_ApproveByViewer_RefusedAndTheDraftStaysPending()
    {
        var before = _app.State;

        var (status, json, _) = await _app.PostAsync(DiscordPayloads.Press("publish approve PUB-1"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(64, json!["data"]!["flags"]!.GetValue<int>());
        Assert.Same(before, _app.State);
        Assert.Equal(PublicDraftStatus.Pending, _app.State.Publications.Drafts["PUB-1"].Status);
    }

    [Fact]
    public async Task Press_ApproveByAdmin_ApprovesAsThePresser()
    {
        var (_, json, _) = await _app.PostAsync(DiscordPayloads.Press("publish approve PUB-1", DiscordPayloads.AdminUserId, permissions: "8"));

        var draft = _app.State.Publications.Drafts["PUB-1"];
        Assert.Equal(64, json!["data"]!["flags"]!.GetValue<int>());
        Assert.Equal((PublicDraftStatus.Approved, DiscordPayloads.AdminUserId), (draft.Status, draft.DecidedBy?.UserId));
    }

    [Fact]
    public async Task Press_EditByAdmin_AnswersHowToEdit_AndChangesNothing()
    {
        var before = _app.State;

        var (_, json, _) = await _app.PostAsync(DiscordPayloads.Press("publish edit PUB-1", DiscordPayloads.AdminUserId, permissions: "8"));

        Assert.Contains("publish edit PUB-1", json!["data"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Same(before, _app.State);
    }

    [Fact]
    public async Task Press_SkipByAdmin_SkipsTheDraft()
    {
        await _app.PostAsync(DiscordPayloads.Press("publish skip PUB-1", DiscordPayloads.AdminUserId, permissions: "8"));

        Assert.Equal(PublicDraftStatus.Skipped, _app.State.Publications.Drafts["PUB-1"].Status);
    }
}
