using StatusBot.Core.Board;
using StatusBot.Core.Commands;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Testing;
using StatusBot.Testing.Storage;

namespace StatusBot.Storage.Tests;

public sealed class FileEventStoreTests
{
    [Fact]
    public async Task Append_GroupCommit_AnswersWaitersOnlyAfterTheirFsync()
    {
        var fs = new GatedFileSystem(new SimulatedFileSystem());
        await using var bot = await TestBot.StartAsync(StorageKit.Store(fs));
        fs.Hold = true;

        var first = bot.RunAsync("service set billing degraded first");
        await fs.SyncStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var syncsBefore = fs.Syncs;
        var queued = Enumerable.Range(0, 20).Select(i => bot.RunAsync($"incident open api minor \"Queued {i}\"")).ToList();

        // Each answer notes, as it comes, how many journal fsyncs have completed: the first command's batch is the one
        // being synced, the queued ones are in a later batch, so each needs one more.
        var firstSeen = SyncsWhenAnswered(first, fs);
        var queuedSeen = queued.Select(t => SyncsWhenAnswered(t, fs)).ToList();
        fs.Release();
        var results = await Task.WhenAll(queued.Prepend(first));

        Assert.True(await firstSeen > syncsBefore, "the first command was answered before its fsync");
        Assert.All(await Task.WhenAll(queuedSeen), seen => Assert.True(seen > syncsBefore + 1, "a queued command was answered before its fsync"));
        Assert.All(results, r => Assert.Equal(CommandOutcome.Changed, r.Outcome));
        Assert.True(fs.Syncs - syncsBefore <= 3, $"21 commands took {fs.Syncs - syncsBefore} fsyncs; group commit should need 2");
        Assert.Equal(20, bot.State.Incidents.Count);
    }

    [Fact]
    public async Task Append_DiskFull_RefusesTheCommandKeepsStateAndReportsUntilItRecovers()
    {
        var fs = new SimulatedFileSystem();
        await using var bot = await TestBot.StartAsync(StorageKit.Store(fs));
        fs.DiskFull = true;

        var refused = await bot.RunAsync("incident open streaming major \"Streaming fails\"");
        var read = await bot.RunAsync("status");
        var errorWhileFull = bot.Board.StoreError;
        fs.DiskFull = false;
        var accepted = await bot.RunAsync("incident open streaming major \"Streaming fails\"");
        var recovered = await StorageKit.Store(fs.Crash(new Random(1))).RecoverAsync(StorageKit.Initial(), default);

        Assert.Equal(CommandOutcome.Failed, refused.Outcome);
        Assert.Contains("could not be saved", refused.Reply.Title, StringComparison.Ordinal);
        Assert.Equal(CommandOutcome.Answered, read.Outcome);
        Assert.NotNull(errorWhileFull);
        Assert.Equal(CommandOutcome.Changed, accepted.Outcome);
        Assert.Null(bot.Board.StoreError);
        Assert.Equal("INC-1", Assert.Single(recovered.Incidents).Key);
        Assert.Equal(ServiceStatus.PartialOutage, recovered.Services["streaming"].Status);
    }

    [Fact]
    public async Task Append_FailedWriteLeavesNoBytes_SoLaterRecordsStayReadable()
    {
        var fs = new SimulatedFileSystem();
        await using var bot = await TestBot.StartAsync(StorageKit.Store(fs));
        await bot.RunAsync("service set api degraded before");
        fs.DiskFull = true;
        await bot.RunAsync("service set api major lost");
        fs.DiskFull = false;
        await bot.RunAsync("service set api partial after");

        var recovered = await StorageKit.Store(fs).RecoverAsync(StorageKit.Initial(), default);

        Assert.Equal(StorageKit.Fingerprint(bot.State), StorageKit.Fingerprint(recovered));
        Assert.Equal("after", recovered.Services["api"].Note);
    }

    [Fact]
    public async Task WriteSnapshot_AfterTwoSnapshots_DeletesSegmentsTheOlderOneCovers()
    {
        var fs = new SimulatedFileSystem();
        var store = StorageKit.Store(fs, segmentBytes: 4096);
        await using var bot = await TestBot.StartAsync(store);
        for (var i = 0; i < 30; i++)
        {
            await bot.RunAsync($"incident open website minor \"Slow pages {i}\"");
        }

        store.WriteSnapshot(bot.State);
        for (var i = 0; i < 30; i++)
        {
            await bot.RunAsync($"incident update INC-{i + 1} monitoring Watching {i}");
        }

        store.WriteSnapshot(bot.State);
        await bot.RunAsync("incident resolve INC-1");
        var names = fs.ListFiles(StorageKit.Directory);

        var recovered = await StorageKit.Store(fs).RecoverAsync(StorageKit.Initial(), default);

        Assert.Equal(2, names.Count(n => n.StartsWith("snapshot-", StringComparison.Ordinal)));
        Assert.DoesNotContain("journal-00000000000000000001.log", names);
        Assert.Equal(StorageKit.Fingerprint(bot.State), StorageKit.Fingerprint(recovered));
    }

    [Theory]
    [InlineData("update")]
    [InlineData("update in the next segment")]
    [InlineData("snapshot")]
    [InlineData("close")]
    public async Task Append_ReceiptsAlone_AreWrittenWithoutASync_AndReachTheDiskWithWhatFollows(string then)
    {
        // For the segment change, the segment is sized to end exactly after the receipts: the update then starts the next.
        var segmentBytes = 1024 * 1024L;
        if (then == "update in the next segment")
        {
            var measure = new SimulatedFileSystem();
            await using (var first = await TestBot.StartAsync(StorageKit.Store(measure)))
            {
                await OpenIncidentAndSettleTwelveCardsAsync(first);
            }

            segmentBytes = measure.ReadAllBytes(Path.Combine(StorageKit.Directory, "journal-00000000000000000001.log")).Length;
        }

        var disk = new SimulatedFileSystem();
        var fs = new GatedFileSystem(disk);
        var store = StorageKit.Store(fs, segmentBytes);
        await using var bot = await TestBot.StartAsync(store);
        var syncsForReceipts = await OpenIncidentAndSettleTwelveCardsAsync(bot, fs);
        var segmentsBefore = disk.ListFiles(StorageKit.Directory).Count(n => n.StartsWith("journal-", StringComparison.Ordinal));
        switch (then)
        {
            case "snapshot":
                store.WriteSnapshot(bot.State);
                break;
            case "close":
                store.Dispose();
                break;
            default:
                Assert.Equal(CommandOutcome.Changed, (await bot.RunAsync("incident update INC-1 identified CDN")).Outcome);
                break;
        }

        var expected = StorageKit.Fingerprint(bot.State);
        var rebooted = disk.Crash(new Random(7));
        foreach (var snapshot in rebooted.ListFiles(StorageKit.Directory).Where(n => n.StartsWith("snapshot-", StringComparison.Ordinal)))
        {
            // The journal alone must hold the receipts: the snapshot's fallback reaches the present through it.
            rebooted.Delete(Path.Combine(StorageKit.Directory, snapshot));
        }

        var recovered = await StorageKit.Store(rebooted).RecoverAsync(StorageKit.Initial(), default);

        Assert.Equal(0, syncsForReceipts);
        Assert.Equal(12, recovered.Announcements.Cards.Count);
        Assert.Equal(expected, StorageKit.Fingerprint(recovered));
        if (then == "update in the next segment")
        {
            Assert.Equal(1, segmentsBefore);
            Assert.Equal(2, disk.ListFiles(StorageKit.Directory).Count(n => n.StartsWith("journal-", StringComparison.Ordinal)));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Append_SyncFails_RefusedAndCutOff_AndWithReceiptsWaitingForIt_RefusesWritesUntilRestart(bool receiptsWaiting)
    {
        var disk = new SimulatedFileSystem();
        var fs = new GatedFileSystem(disk);
        await using var bot = await TestBot.StartAsync(StorageKit.Store(fs));
        if (receiptsWaiting)
        {
            await OpenIncidentAndSettleTwelveCardsAsync(bot);
        }

        fs.FailSyncs = true;
        var failed = await bot.RunAsync("service set billing degraded first");
        fs.FailSyncs = false;
        var next = await bot.RunAsync("service set api degraded second");
        var recovered = await StorageKit.Store(disk).RecoverAsync(StorageKit.Initial(), default);

        Assert.Equal(CommandOutcome.Failed, failed.Outcome);
        Assert.Equal(ServiceStatus.Operational, bot.State.Services["billing"].Status);
        Assert.Equal(ServiceStatus.Operational, recovered.Services["billing"].Status);
        if (receiptsWaiting)
        {
            // The failed sync may have dropped the receipts from the disk's view: nothing may be made durable behind them.
            Assert.Equal(CommandOutcome.Failed, next.Outcome);
            Assert.Contains("restart StatusBot", bot.Board.StoreError, StringComparison.Ordinal);
            Assert.Equal(ServiceStatus.Operational, recovered.Services["api"].Status);
            Assert.Equal(12, recovered.Announcements.Cards.Count);
        }
        else
        {
            Assert.Equal(CommandOutcome.Changed, next.Outcome);
            Assert.Null(bot.Board.StoreError);
            Assert.Equal(ServiceStatus.DegradedPerformance, recovered.Services["api"].Status);
        }
    }

    /// <summary>Opens INC-1, then records twelve cards posted for it, one receipt per commit; returns the syncs the receipts took.</summary>
    private static async Task<int> OpenIncidentAndSettleTwelveCardsAsync(TestBot bot, GatedFileSystem? fs = null)
    {
        Assert.Equal(CommandOutcome.Changed, (await bot.RunAsync("incident open streaming major \"Streaming fails\"")).Outcome);
        var before = fs?.Syncs ?? 0;
        for (var i = 10; i < 22; i++)
        {
            var card = new AnnouncementDelivered(TestBot.Admin().Actor, TestBot.Start, "ANN-" + i, "slack:C" + i, "INC-1", 1, "1700000000." + i, null);
            await bot.Board.ExecuteAsync(_ => Decision.Apply(card), CancellationToken.None);
        }

        return (fs?.Syncs ?? 0) - before;
    }

    private static Task<int> SyncsWhenAnswered<T>(Task<T> answer, GatedFileSystem fs) =>
        answer.ContinueWith(_ => fs.Syncs, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
