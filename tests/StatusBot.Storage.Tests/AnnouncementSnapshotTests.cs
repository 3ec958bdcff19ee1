using StatusBot.Core.Announcing;
using StatusBot.Core.Board;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Storage.Snapshots;
using StatusBot.Testing;

namespace StatusBot.Storage.Tests;

public sealed class AnnouncementSnapshotTests
{
    [Fact]
    public async Task Restore_StateWithChannelsMaintenanceOutboxAndCards_EqualsTheOriginal()
    {
        await using var bot = await TestBot.StartAsync();
        var channel = new ChannelRef("discord", "C1", "G1");
        await bot.RunAsync("channel subscribe streaming", TestBot.Admin() with { Channel = channel });
        await bot.RunAsync("channel locale fr", TestBot.Admin() with { Channel = channel });
        await bot.RunAsync("maintenance schedule billing in:3h 2h Upgrade");
        await bot.RunAsync("incident open streaming major \"Streaming fails\"");
        var now = bot.Time.GetUtcNow();
        var key = ChannelKeys.Of(channel);
        await bot.Board.ExecuteAsync(
            _ => Decision.Apply(
                new UpstreamStatusChanged(Actor.System, now, "aws-elb-us-east-1", "major", "ELB errors", "investigating"),
                new AnnouncementQueued(Actor.System, now, "INC-1/1", key, "INC-1", 1),
                new AnnouncementDelivered(Actor.System, now, "INC-1/1", key, "INC-1", 1, "M1", "T1"),
                new AnnouncementQueued(Actor.System, now, "MNT-1/1", key, "MNT-1", 1)),
            CancellationToken.None);

        var restored = SnapshotCodec.Restore(StorageKit.Initial(), SnapshotCodec.Decode(SnapshotCodec.Encode(bot.State, TestBot.Start)));

        Assert.Equal(StorageKit.Fingerprint(bot.State), StorageKit.Fingerprint(restored));
        Assert.Equal("fr", restored.Announcements.Channels[key].Locale);
        Assert.Equal("M1", restored.Announcements.CardOf("INC-1", key)!.MessageId);
        Assert.Equal("MNT-1/1", restored.Announcements.PendingOf("MNT-1", key)!.AnnouncementId);
        Assert.Equal(2, restored.Announcements.NextMaintenanceNumber);
        Assert.Equal("ELB errors", restored.Announcements.Upstreams["aws-elb-us-east-1"].IncidentName);
    }

    [Fact]
    public async Task Restore_UpstreamTroubleThatWentOn_KeepsWhenTheTroubleBegan()
    {
        await using var bot = await TestBot.StartAsync();
        var began = bot.Time.GetUtcNow();
        await bot.Board.ExecuteAsync(_ => Decision.Apply(new UpstreamStatusChanged(Actor.System, began, "aws-elb-us-east-1", "major", "ELB errors", "investigating")), CancellationToken.None);
        bot.Advance(TimeSpan.FromMinutes(25));
        await bot.Board.ExecuteAsync(_ => Decision.Apply(new UpstreamStatusChanged(Actor.System, bot.Time.GetUtcNow(), "aws-elb-us-east-1", "major", "ELB errors", "identified")), CancellationToken.None);

        var restored = SnapshotCodec.Restore(StorageKit.Initial(), SnapshotCodec.Decode(SnapshotCodec.Encode(bot.State, TestBot.Start)));

        Assert.Equal(began, bot.State.Announcements.Upstreams["aws-elb-us-east-1"].TroubleSince);
        Assert.Equal(began, restored.Announcements.Upstreams["aws-elb-us-east-1"].TroubleSince);
    }

    [Fact]
    public async Task Restore_CrowdSurge_KeptSoItsNoticeIsNotOwedAgain()
    {
        await using var bot = await TestBot.StartAsync();
        var surge = new CrowdSurge("streaming", bot.Time.GetUtcNow(), 37, 1.4, 300);
        await bot.Board.ExecuteAsync(_ => Decision.Apply(new CrowdSurged(Actor.System, surge.At, surge)), CancellationToken.None);

        var restored = SnapshotCodec.Restore(StorageKit.Initial(), SnapshotCodec.Decode(SnapshotCodec.Encode(bot.State, TestBot.Start)));
        // A snapshot written before crowd surges were kept has no "crowds" in its announcements.
        var written = System.Text.Json.Nodes.JsonNode.Parse(SnapshotCodec.Encode(bot.State, TestBot.Start))!;
        Assert.True(written["announcements"]!.AsObject().Remove("crowds"));
        var older = SnapshotCodec.Restore(StorageKit.Initial(), SnapshotCodec.Decode(System.Text.Encoding.UTF8.GetBytes(written.ToJsonString())));

        Assert.Equal(surge, restored.Announcements.Crowds["streaming"]);
        Assert.Empty(older.Announcements.Crowds);
    }
}
