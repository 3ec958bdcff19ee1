using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.State;
using StatusBot.Storage.Journal;
using StatusBot.Testing;
using StatusBot.Testing.Storage;

namespace StatusBot.Storage.Tests;

public sealed class JournalRecoveryTests
{
    private static readonly Actor Ada = new("console", "ada", "Ada");

    [Fact]
    public async Task Recover_TornLastRecordAtEveryByte_KeepsEveryEarlierBatchAndTruncates()
    {
        var fs = new SimulatedFileSystem();
        var store = await StartedStore(fs);
        await store.AppendAsync([Status("streaming", ServiceStatus.MajorOutage, 1)], 1, default);
        await store.AppendAsync([Status("website", ServiceStatus.PartialOutage, 2)], 2, default);
        var path = Path.Combine(StorageKit.Directory, JournalFiles.Segment(1));
        var full = fs.ReadAllBytes(path);
        var lastRecord = RecordFraming.HeaderSize + LastRecordPayloadLength(full);

        for (var keep = full.Length - lastRecord; keep < full.Length; keep++)
        {
            var torn = new SimulatedFileSystem();
            torn.CreateDirectory(StorageKit.Directory);
            torn.WriteAndSync(path, full.AsSpan(0, keep));

            var state = await StorageKit.Store(torn).RecoverAsync(StorageKit.Initial(), default);

            Assert.Equal(1, state.Sequence);
            Assert.Equal(ServiceStatus.MajorOutage, state.Services["streaming"].Status);
            Assert.Equal(ServiceStatus.Operational, state.Services["website"].Status);
            Assert.Equal(full.Length - lastRecord, torn.ReadAllBytes(path).Length);
        }
    }

    [Fact]
    public async Task Recover_AfterTruncation_AppendsContinueAndRecoverAgain()
    {
        var fs = new SimulatedFileSystem();
        var store = await StartedStore(fs);
        await store.AppendAsync([Status("streaming", ServiceStatus.MajorOutage, 1)], 1, default);
        var path = Path.Combine(StorageKit.Directory, JournalFiles.Segment(1));
        fs.Truncate(path, fs.ReadAllBytes(path).Length - 3);

        var reopened = StorageKit.Store(fs);
        var recovered = await reopened.RecoverAsync(StorageKit.Initial(), default);
        await reopened.AppendAsync([Status("api", ServiceStatus.DegradedPerformance, 2)], 1, default);
        var again = await StorageKit.Store(fs).RecoverAsync(StorageKit.Initial(), default);

        Assert.Equal(0, recovered.Sequence);
        Assert.Equal(1, again.Sequence);
        Assert.Equal(ServiceStatus.DegradedPerformance, again.Services["api"].Status);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1 << 20)]
    public async Task Recover_ZeroedSpaceAfterTheLastRecord_IsTheEndNotDamage_AndIsCutOff(int zeros)
    {
        var fs = new SimulatedFileSystem();
        var store = await StartedStore(fs);
        await store.AppendAsync([Status("streaming", ServiceStatus.MajorOutage, 1)], 1, default);
        await store.AppendAsync([Status("website", ServiceStatus.PartialOutage, 2)], 2, default);
        var path = Path.Combine(StorageKit.Directory, JournalFiles.Segment(1));
        var records = fs.ReadAllBytes(path);
        fs.WriteAndSync(path, [.. records, .. new byte[zeros]]);

        var reopened = StorageKit.Store(fs);
        var state = await reopened.RecoverAsync(StorageKit.Initial(), default);
        await reopened.AppendAsync([Status("api", ServiceStatus.DegradedPerformance, 3)], 3, default);
        var again = await StorageKit.Store(fs).RecoverAsync(StorageKit.Initial(), default);

        Assert.Equal(2, state.Sequence);
        Assert.Equal(ServiceStatus.PartialOutage, state.Services["website"].Status);
        Assert.Equal(3, again.Sequence);
        Assert.Equal(ServiceStatus.DegradedPerformance, again.Services["api"].Status);
        Assert.Equal(records, fs.ReadAllBytes(path)[..records.Length]);
    }

    [Fact]
    public async Task Recover_ZeroedSpaceAfterAnEarlierSegmentsRecords_ReadsOnIntoTheNextSegment()
    {
        var fs = new SimulatedFileSystem();
        var first = await FortyEventsIn4KiBSegments(fs);

        // The process stopped between starting the next segment and closing this one.
        fs.WriteAndSync(first, [.. fs.ReadAllBytes(first), .. new byte[4096]]);

        var state = await StorageKit.Store(fs).RecoverAsync(StorageKit.Initial(), default);

        Assert.Equal(40, state.Sequence);
        Assert.Equal(ServiceStatus.MajorOutage, state.Services["streaming"].Status);
    }

    [Fact]
    public async Task Recover_DamageInAnEarlierSegment_RefusesToStartInsteadOfLosingEvents()
    {
        var fs = new SimulatedFileSystem();
        var first = await FortyEventsIn4KiBSegments(fs);
        var bytes = fs.ReadAllBytes(first);
        bytes[20] ^= 0xFF;
        fs.WriteAndSync(first, bytes);

        var ex = await Assert.ThrowsAsync<StorageException>(async () => await StorageKit.Store(fs).RecoverAsync(StorageKit.Initial(), default));

        Assert.Contains("damaged at offset 0", ex.Message, StringComparison.Ordinal);
        Assert.Contains(first, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recover_JournalFromNewerSchema_IsRefusedAndLeftUntouched()
    {
        var fs = new SimulatedFileSystem();
        fs.CreateDirectory(StorageKit.Directory);
        var path = Path.Combine(StorageKit.Directory, JournalFiles.Segment(1));
        var record = RecordFraming.Frame("""{"v":9,"seq":1,"events":[]}"""u8);
        fs.WriteAndSync(path, record);

        var ex = await Assert.ThrowsAsync<StorageException>(async () => await StorageKit.Store(fs).RecoverAsync(StorageKit.Initial(), default));

        Assert.Contains("schema version 9", ex.Message, StringComparison.Ordinal);
        Assert.Equal(record, fs.ReadAllBytes(path));
    }

    [Fact]
    public async Task Recover_CorruptNewestSnapshot_FallsBackToPreviousPlusJournal()
    {
        var fs = new SimulatedFileSystem();
        var store = await StartedStore(fs);
        var state = StorageKit.Initial();
        state = await Commit(store, state, Status("streaming", ServiceStatus.MajorOutage, 1));
        store.WriteSnapshot(state);
        state = await Commit(store, state, Status("website", ServiceStatus.PartialOutage, 2));
        store.WriteSnapshot(state);
        state = await Commit(store, state, Status("api", ServiceStatus.DegradedPerformance, 3));
        var newest = Path.Combine(StorageKit.Directory, JournalFiles.Snapshot(2));
        var damaged = fs.ReadAllBytes(newest);
        damaged[^5] ^= 0x55;
        fs.WriteAndSync(newest, damaged);

        var recovered = await StorageKit.Store(fs).RecoverAsync(StorageKit.Initial(), default);

        Assert.Equal(StorageKit.Fingerprint(state), StorageKit.Fingerprint(recovered));
    }

    [Fact]
    public async Task Recover_SnapshotFromNewerSchema_IsRefused()
    {
        var fs = new SimulatedFileSystem();
        fs.CreateDirectory(StorageKit.Directory);
        fs.WriteAndSync(Path.Combine(StorageKit.Directory, JournalFiles.Snapshot(5)), RecordFraming.Frame("""{"v":3,"sequence":5}"""u8));

        var ex = await Assert.ThrowsAsync<StorageException>(async () => await StorageKit.Store(fs).RecoverAsync(StorageKit.Initial(), default));

        Assert.Contains("schema version 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recover_MissingEventsBeforeASegment_RefusesWithTheGap()
    {
        var fs = new SimulatedFileSystem();
        fs.CreateDirectory(StorageKit.Directory);
        var record = RecordFraming.Frame(Serialization.EventBatchCodec.Encode([Status("api", ServiceStatus.MajorOutage, 1)], 7));
        fs.WriteAndSync(Path.Combine(StorageKit.Directory, JournalFiles.Segment(7)), record);

        var ex = await Assert.ThrowsAsync<StorageException>(async () => await StorageKit.Store(fs).RecoverAsync(StorageKit.Initial(), default));

        Assert.Contains("event 1 is missing", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>Streaming's status set 40 times, one event per append, in 4 KiB segments; returns the first segment's path.</summary>
    private static async Task<string> FortyEventsIn4KiBSegments(SimulatedFileSystem fs)
    {
        var store = StorageKit.Store(fs, segmentBytes: 4096);
        await store.RecoverAsync(StorageKit.Initial(), default);
        for (var i = 1; i <= 40; i++)
        {
            await store.AppendAsync([Status("streaming", i % 2 == 0 ? ServiceStatus.MajorOutage : ServiceStatus.Operational, i)], i, default);
        }

        return Path.Combine(StorageKit.Directory, JournalFiles.Segment(1));
    }

    private static async Task<FileEventStore> StartedStore(SimulatedFileSystem fs)
    {
        var store = StorageKit.Store(fs);
        await store.RecoverAsync(StorageKit.Initial(), default);
        return store;
    }

    private static async Task<BoardState> Commit(FileEventStore store, BoardState state, BoardEvent e)
    {
        await store.AppendAsync([e], state.Sequence + 1, default);
        return StateReducer.Apply(state, e);
    }

    private static ServiceStatusChanged Status(string service, ServiceStatus status, int minute) =>
        new(Ada, TestBot.Start.AddMinutes(minute), service, status, null, null);

    private static int LastRecordPayloadLength(byte[] journal)
    {
        long offset = 0;
        var length = 0;
        while (RecordFraming.TryRead(journal, offset, out var payload, out var next, out _))
        {
            length = payload.Length;
            offset = next;
        }

        return length;
    }
}
