using System.Text;
using Prometheus;
using StatusBot.Core.Commands;
using StatusBot.Testing;
using StatusBot.Testing.Metrics;
using StatusBot.Testing.Storage;

namespace StatusBot.Storage.Tests;

/// <summary>
/// The fsync histogram counts every journal sync: one per append. Alone in its collection: the instrument is process-wide,
/// and no other test may record into it while this one reads it.
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

        var start = await FsyncsAsync();
        var startSeconds = await FsyncSecondsAsync();
        var syncsBefore = fs.Syncs;
        Assert.Equal(CommandOutcome.Changed, (await bot.RunAsync("incident open streaming major \"Streaming fails\"")).Outcome);
        Assert.Equal(CommandOutcome.Changed, (await bot.RunAsync("incident update INC-1 identified CDN")).Outcome);
        Assert.Equal(CommandOutcome.Changed, (await bot.RunAsync("service set billing degraded slow")).Outcome);

        Assert.Equal(3, fs.Syncs - syncsBefore);
        Assert.Equal(3, (await FsyncsAsync()).Since(start).Count);
        Assert.InRange(await FsyncSecondsAsync() - startSeconds, 0, 180);
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
