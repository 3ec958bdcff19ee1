using System.Diagnostics.Metrics;
using StatusBot.Core.Commands;
using StatusBot.Core.Telemetry;
using StatusBot.Testing;
using StatusBot.Testing.Storage;

namespace StatusBot.Storage.Tests;

/// <summary>
/// The fsync histogram counts every journal sync: one per append. Alone in its collection: the instrument is process-wide,
/// and no other test may record into it while this one listens.
/// </summary>
[Collection(JournalMetricsCollection.Name)]
public sealed class JournalFsyncMetricTests
{
    [Fact]
    public async Task Fsync_EachAppendIsSyncedAndMeasuredOnce()
    {
        var fs = new GatedFileSystem(new SimulatedFileSystem());
        var store = StorageKit.Store(fs);
        await using var bot = await TestBot.StartAsync(store);

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
        Assert.Equal(CommandOutcome.Changed, (await bot.RunAsync("incident open streaming major \"Streaming fails\"")).Outcome);
        Assert.Equal(CommandOutcome.Changed, (await bot.RunAsync("incident update INC-1 identified CDN")).Outcome);
        Assert.Equal(CommandOutcome.Changed, (await bot.RunAsync("service set billing degraded slow")).Outcome);

        Assert.Equal(3, fs.Syncs - syncsBefore);
        Assert.Equal(3, measured.Count);
        Assert.All(measured, s => Assert.InRange(s, 0, 60));
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class JournalMetricsCollection
{
    public const string Name = "Journal metrics";
}
