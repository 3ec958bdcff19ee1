using System.Diagnostics.Metrics;
using StatusBot.Core.Board;
using StatusBot.Core.Commands;
using StatusBot.Core.Events;
using StatusBot.Core.Telemetry;
using StatusBot.Testing;
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

        var measured = new List<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == StatusBotMetrics.MeterName && instrument.Name == "statusbot_journal_fsync_duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            lock (measured)
            {
                measured.Add(value);
            }
        });
        listener.Start();

        var syncsBefore = fs.Syncs;
        for (var i = 0; i < 3; i++)
        {
            var card = new AnnouncementDelivered(TestBot.Admin().Actor, TestBot.Start, "ANN-" + i, "slack:C" + i, "INC-1", 1, "1700000000." + i, null);
            await bot.Board.ExecuteAsync(_ => Decision.Apply(card), CancellationToken.None);
        }

        var afterReceipts = measured.Count;
        var syncsAfterReceipts = fs.Syncs;
        Assert.Equal(CommandOutcome.Changed, (await bot.RunAsync("incident update INC-1 identified CDN")).Outcome);
        var afterUpdate = measured.Count;

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
        Assert.Equal(1, afterUpdate);
        Assert.Equal(2, measured.Count);
        Assert.All(measured, s => Assert.InRange(s, 0, 60));
        store.SyncWritten();
        Assert.Equal(2, measured.Count);
        Assert.True(fs.Syncs > journalSyncsBeforeThen);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class JournalMetricsCollection
{
    public const string Name = "Journal metrics";
}
