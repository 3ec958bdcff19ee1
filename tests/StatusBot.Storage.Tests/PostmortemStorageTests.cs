using StatusBot.Core.Commands;
using StatusBot.Core.Domain;
using StatusBot.Storage.Serialization;
using StatusBot.Storage.Snapshots;
using StatusBot.Testing;
using StatusBot.Testing.Storage;

namespace StatusBot.Storage.Tests;

/// <summary>A drafted, edited and published postmortem survives a restart from the journal and from a snapshot, whole.</summary>
public sealed class PostmortemStorageTests
{
    [Fact]
    public async Task Recover_FromTheJournal_AndFromASnapshot_KeepsThePostmortemItsActorsAndPublications()
    {
        var fs = new SimulatedFileSystem();
        Postmortem written;
        await using (var bot = await TestBot.StartAsync(StorageKit.Store(fs)))
        {
            foreach (var command in new[]
            {
                "incident open streaming major \"Streaming fails\"",
                "incident resolve INC-1 Back",
                "incident postmortem INC-1",
                "incident postmortem INC-1 publish",
                "incident postmortem INC-1 edit ## What comes next\n\nTwo copies of the state.",
            })
            {
                bot.Advance(TimeSpan.FromMinutes(5));
                Assert.Equal(CommandOutcome.Changed, (await bot.RunAsync(command)).Outcome);
            }

            written = bot.State.Incidents["INC-1"].Postmortem!;
        }

        var replayed = await StorageKit.Store(fs).RecoverAsync(StorageKit.Initial(), default);
        var restored = SnapshotCodec.Restore(StorageKit.Initial(), SnapshotCodec.Decode(SnapshotCodec.Encode(replayed, TestBot.Start)));

        Assert.Equal(written, replayed.Incidents["INC-1"].Postmortem);
        Assert.Equal(written, restored.Incidents["INC-1"].Postmortem);
        Assert.Equal("## What comes next\n\nTwo copies of the state.", written.Body);
        Assert.Equal((1, true, "Ada Admin"), (written.Publications, written.ChangedSincePublished, written.PublishedBy!.DisplayName));
        Assert.Equal(written.Publications + replayed.Incidents["INC-1"].Timeline.Count, restored.Incidents["INC-1"].AnnouncedVersion);
    }

    [Fact]
    public async Task Snapshot_OfAnIncidentWithoutPostmortem_HasNoPostmortemKey_AndLoadsAsBefore()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major \"Streaming fails\"");
        await bot.RunAsync("incident resolve INC-1 Back");
        var encoded = SnapshotCodec.Encode(bot.State, TestBot.Start);

        var restored = SnapshotCodec.Restore(StorageKit.Initial(), SnapshotCodec.Decode(encoded));

        // Snapshots written before postmortems existed read the same way: the key is simply absent.
        Assert.DoesNotContain("\"postmortem\"", System.Text.Encoding.UTF8.GetString(encoded), StringComparison.Ordinal);
        Assert.Null(restored.Incidents["INC-1"].Postmortem);
        Assert.Equal(bot.State.Incidents["INC-1"].Timeline.Count, restored.Incidents["INC-1"].AnnouncedVersion);
    }

    [Fact]
    public void PostmortemEvents_RoundTripThroughThePublicCodec()
    {
        var actor = new Actor("slack", "U1", "Ada");
        Core.Events.BoardEvent[] events =
        [
            new Core.Events.PostmortemDrafted(actor, TestBot.Start, "INC-1", "# Draft\n\n- one"),
            new Core.Events.PostmortemEdited(actor, TestBot.Start, "INC-1", "Edited"),
            new Core.Events.PostmortemPublished(actor, TestBot.Start, "INC-1"),
        ];

        var decoded = events.Select(e => EventJson.Deserialize(EventJson.TypeName(e), EventJson.Serialize(e))).ToList();

        Assert.Equal(events, decoded);
    }
}
