using StatusBot.Core.State;
using StatusBot.Storage.Snapshots;
using StatusBot.Testing;

namespace StatusBot.Storage.Tests;

public sealed class SnapshotCodecTests
{
    [Fact]
    public void BoardState_EveryProperty_IsSnapshottedOrRebuilt()
    {
        // Definitions (ServiceOrder, Upstreams, Index) come from configuration; LatestIncidentByService is rebuilt in Restore.
        string[] handled =
        [
            nameof(BoardState.Services), nameof(BoardState.ServiceOrder), nameof(BoardState.Upstreams), nameof(BoardState.Incidents),
            nameof(BoardState.OpenIncidentIds), nameof(BoardState.LatestIncidentByService), nameof(BoardState.NextIncidentNumber),
            nameof(BoardState.Sequence), nameof(BoardState.Epoch), nameof(BoardState.Index), nameof(BoardState.Announcements), nameof(BoardState.Following), nameof(BoardState.Webhooks), nameof(BoardState.Publications),
        ];

        var properties = typeof(BoardState).GetProperties().Where(p => p.CanWrite).Select(p => p.Name);

        Assert.Equal(handled.Order(), properties.Where(p => p != "EqualityContract").Order());
    }

    [Fact]
    public async Task Restore_EncodedBusyState_EqualsTheOriginal()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming,website critical \"Streaming fails\" segments:\"TV, consoles\" users:27000000 cause:\"ELB\"");
        bot.Advance(TimeSpan.FromMinutes(20));
        await bot.RunAsync("incident cause INC-1 identified Load balancers upstream:aws-elb-us-east-1");
        await bot.RunAsync("incident open api minor \"Slow API\"");
        bot.Advance(TimeSpan.FromHours(2));
        await bot.RunAsync("incident update INC-1 monitoring Restored for most");
        await bot.RunAsync("incident resolve INC-2");
        await bot.RunAsync("service set billing maintenance Card processor upgrade");

        var restored = SnapshotCodec.Restore(StorageKit.Initial(), SnapshotCodec.Decode(SnapshotCodec.Encode(bot.State, TestBot.Start)));

        Assert.Equal(StorageKit.Fingerprint(bot.State), StorageKit.Fingerprint(restored));
        Assert.Equal(bot.State.LatestIncidentByService.OrderBy(p => p.Key), restored.LatestIncidentByService.OrderBy(p => p.Key));
        Assert.Equal("INC-1", restored.CurrentOrLastIncidentFor("streaming")?.Id);
    }
}
