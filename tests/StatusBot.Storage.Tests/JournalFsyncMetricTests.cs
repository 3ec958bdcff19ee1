using System.Text;
using Prometheus;
using StatusBot.Core.Board;
using StatusBot.Core.Commands;
using StatusBot.Core.Events;
using StatusBot.Testing;
using StatusBot.Testing.Metrics;
using StatusBot.Testing.Storage;

namespace StatusBot.Storage.Tests;

/// <summary>
/// The fsync histogram counts every journal sync, including the deferred ones that carry receipts. Alone in its
/// collection: the instrument is process-wide, and no other test may record into it while this one listens.
/// </summary>
[Collection(JournalMetricsCollection.Name)]
public sealed class JournalFsyncMetricTests
{
    [Theory]
    [InlineData("snapshot")]
    [InlineData("close")]
    public async Task Fsync_EachSyncIsMeasuredOnce_IncludingTheOneThatCarriesWaitingReceipts(string then)
    {
        var fs = new GatedFileSystem(new SimulatedFileSystem());
        var store = StorageKit.Store(fs);
        await using var bot = await TestBot.StartAsync(store);
        Assert.Equal(CommandOutcome.Changed, (await bot.RunAsync("incident open streaming major \"Streaming fails\"")).Outcome);

        var start = await FsyncsAsync();
        var startSeconds = await FsyncSecondsAsync();

        var syncsBefore = fs.Syncs;
        for (var i = 0; i < 3; i++)
        {
            var card = new AnnouncementDelivered(TestBot.Admin().Actor, TestBot.Start, "ANN-" + i, "slack:C" + i, "INC-1", 1, "1700000000." + i, null);
            await bot.Board.ExecuteAsync(_ => Decision.Apply(card), CancellationToken.None);
        }

        var afterReceipts = (await FsyncsAsync()).Since(start).Count;
        var syncsAfterReceipts = fs.Syncs;
        Assert.Equal(CommandOutcome.Changed, (await bot.RunAsync("incident update INC-1 identified CDN")).Outcome);
        var afterUpdate = (await FsyncsAsync()).Since(start).Count;

        for (var i = 3; i < 5; i++)
        {
            var card = new AnnouncementDelivered(TestBot.Admin().Actor, TestBot.Start, "ANN-" + i, "slack:C" + i, "INC-1", 1, "1700000000." + i, null);
            await bot.Board.ExecuteAsync(_ => Decision.Apply(card), CancellationToken.None);
        }

        var journalSyncsBeforeThen = fs.Syncs;
        if (then == "snapshot")
        {
            store.WriteSnapshot(bot.State);
        }
        else
        {
            store.Dispose();
        }

        // Receipts alone: written, not synced, not measured. The update: one sync, one measurement. The snapshot or
        // close: one sync for the two waiting receipts, measured; a second call has nothing left to sync.
        Assert.Equal(syncsBefore, syncsAfterReceipts);
        Assert.Equal(0, afterReceipts);
        var measured = (await FsyncsAsync()).Since(start);
        Assert.Equal(1, afterUpdate);
        Assert.Equal(2, measured.Count);
        Assert.InRange(await FsyncSecondsAsync() - startSeconds, 0, 120);
        store.SyncWritten();
        Assert.Equal(2, (await FsyncsAsync()).Since(start).Count);
        Assert.True(fs.Syncs > journalSyncsBeforeThen);
    }

    /// <summary>The fsync histogram as <c>/metrics</c> serves it (the process's default registry).</summary>
    private static async Task<ServerMetrics> FsyncsAsync() => ServerMetrics.Parse(await ScrapeAsync(), _ => true, ServerMetrics.FsyncDuration);

    private static async Task<double> FsyncSecondsAsync() => ServerMetrics.Sample(await ScrapeAsync(), ServerMetrics.FsyncDuration + "_sum");

    private static async Task<string> ScrapeAsync()
    {
        using var stream = new MemoryStream();
        await Metrics.DefaultRegistry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class JournalMetricsCollection
{
    public const string Name = "Journal metrics";
}
