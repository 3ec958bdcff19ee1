using System.Text;
using StatusBot.Core.Board;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.Publishing;
using StatusBot.Core.State;
using StatusBot.Storage.Serialization;
using StatusBot.Storage.Snapshots;
using StatusBot.Testing;

namespace StatusBot.Storage.Tests;

public sealed class PublicationSnapshotTests
{
    private static readonly Actor Ada = new("slack", "U1", "Ada");

    private static BoardEvent[] Decisions(DateTimeOffset now) =>
    [
        new PublicDraftWritten(Actor.System, now, "PUB-1", "mastodon", "mastodon", "INC-1", 1, PublicPostKind.Opened, "Streaming is down.", "https://status.example.com/incidents/INC-1", Approved: false),
        new PublicDraftEdited(Ada, now, "PUB-1", "Streaming is down on TV devices."),
        new PublicDraftApproved(Ada, now, "PUB-1", HoldingToo: true),
        new PublicDraftWritten(Actor.System, now, "PUB-2", "x", "x", "INC-1", 1, PublicPostKind.Opened, "Streaming is down.", "https://status.example.com/incidents/INC-1", Approved: false),
        new PublicDraftSkipped(Ada, now, "PUB-2"),
    ];

    [Fact]
    public void EventJson_EveryPublicDraftEvent_ReadsBackEqual()
    {
        var events = Decisions(TestBot.Start);

        var read = events.Select(e => EventJson.Deserialize(EventJson.TypeName(e), EventJson.Serialize(e))).ToList();

        Assert.Equal(events, read);
    }

    [Fact]
    public async Task Restore_StateWithDraftsAndDecisions_KeepsThemWithTheirActors()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major \"Streaming fails\"");
        await bot.Board.ExecuteAsync(_ => Decision.Apply(Decisions(bot.Time.GetUtcNow())), CancellationToken.None);

        var restored = SnapshotCodec.Restore(StorageKit.Initial(), SnapshotCodec.Decode(SnapshotCodec.Encode(bot.State, TestBot.Start)));

        Assert.Equal(bot.State.Publications.Drafts.Values.OrderBy(d => d.Id), restored.Publications.Drafts.Values.OrderBy(d => d.Id));
        Assert.Equal(3, restored.Publications.NextDraftNumber);
        Assert.Equal(["mastodon|INC-1"], restored.Publications.HoldingApproved);
        Assert.Equal(("Streaming is down on TV devices.", "Ada"), (restored.Publications.Drafts["PUB-1"].Body, restored.Publications.Drafts["PUB-1"].DecidedBy?.DisplayName));
    }

    [Fact]
    public async Task Restore_SnapshotWrittenBeforePublishers_HasNoDrafts()
    {
        await using var bot = await TestBot.StartAsync();
        var encoded = Encoding.UTF8.GetString(SnapshotCodec.Encode(bot.State, TestBot.Start));
        var older = encoded.Replace(",\"publications\":", ",\"ignored\":", StringComparison.Ordinal);

        var restored = SnapshotCodec.Restore(StorageKit.Initial(), SnapshotCodec.Decode(Encoding.UTF8.GetBytes(older)));

        Assert.Same(PublicationState.Empty, restored.Publications);
    }
}
