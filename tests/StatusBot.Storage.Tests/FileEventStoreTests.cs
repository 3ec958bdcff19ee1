using Microsoft.Extensions.Logging.Abstractions;
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

    [Fact]
    public async Task Append_SyncFails_RefusedAndCutOff_TheNextWriteGoesOn()
    {
        var disk = new SimulatedFileSystem();
        var fs = new GatedFileSystem(disk);
        await using var bot = await TestBot.StartAsync(StorageKit.Store(fs));

        fs.FailSyncs = true;
        var failed = await bot.RunAsync("service set billing degraded first");
        fs.FailSyncs = false;
        var next = await bot.RunAsync("service set api degraded second");
        var recovered = await StorageKit.Store(disk).RecoverAsync(StorageKit.Initial(), default);

        Assert.Equal(CommandOutcome.Failed, failed.Outcome);
        Assert.Equal(ServiceStatus.Operational, bot.State.Services["billing"].Status);
        Assert.Equal(ServiceStatus.Operational, recovered.Services["billing"].Status);
        Assert.Equal(CommandOutcome.Changed, next.Outcome);
        Assert.Null(bot.Board.StoreError);
        Assert.Equal(ServiceStatus.DegradedPerformance, recovered.Services["api"].Status);
    }

    [Fact]
    public async Task Recover_JournalWithReceiptsOfEarlierVersions_KeepsTheirCardsAndSettledEntries()
    {
        // Earlier versions wrote each delivery's outcome into the journal; such a journal must still read back whole.
        var disk = new SimulatedFileSystem();
        var store = StorageKit.Store(disk);
        await store.RecoverAsync(StorageKit.Initial(), default);
        var at = TestBot.Start;
        await store.AppendAsync(
            [
                new AnnouncementQueued(Actor.System, at, "INC-1/1", "slack:T1:C1", "INC-1", 1),
                new AnnouncementQueued(Actor.System, at, "INC-1/1", "slack:T1:C2", "INC-1", 1),
            ],
            1,
            default);
        await store.AppendAsync([new AnnouncementDelivered(Actor.System, at, "INC-1/1", "slack:T1:C1", "INC-1", 1, "1700000000.1", "1700000000.1")], 3, default);
        await store.AppendAsync([new AnnouncementFailed(Actor.System, at, "INC-1/1", "slack:T1:C2", "INC-1", 1, "is_archived")], 4, default);
        store.Dispose();

        var recovered = await StorageKit.Store(disk).RecoverAsync(StorageKit.Initial(), default);
        var book = await new Deliveries.FileDeliveryLedger(disk, StorageKit.Directory, NullLogger<Deliveries.FileDeliveryLedger>.Instance).ReadAsync(default);

        Assert.Equal(4, recovered.Sequence);
        Assert.Empty(book.Pending(recovered.Announcements));
        Assert.Equal("1700000000.1", book.CardOf(recovered.Announcements, "INC-1", "slack:T1:C1")!.MessageId);
        Assert.Equal(1, book.CardOf(recovered.Announcements, "INC-1", "slack:T1:C2")!.Version);
    }

    private static Task<int> SyncsWhenAnswered<T>(Task<T> answer, GatedFileSystem fs) =>
        answer.ContinueWith(_ => fs.Syncs, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
