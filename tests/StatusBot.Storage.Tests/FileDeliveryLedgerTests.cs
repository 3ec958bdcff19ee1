using Microsoft.Extensions.Logging.Abstractions;
using StatusBot.Core.Announcing;
using StatusBot.Storage.Deliveries;
using StatusBot.Storage.Files;
using StatusBot.Storage.Journal;
using StatusBot.Testing;
using StatusBot.Testing.Storage;

namespace StatusBot.Storage.Tests;

public sealed class FileDeliveryLedgerTests
{
    private static readonly string LedgerPath = Path.Combine(StorageKit.Directory, FileDeliveryLedger.FileName);

    private static FileDeliveryLedger Ledger(IFileSystem files) => new(files, StorageKit.Directory, NullLogger<FileDeliveryLedger>.Instance);

    private static DeliveryReceipt Delivered(int n, string subject = "INC-1", int version = 1) =>
        new($"{subject}/{version}", "slack:T1:C" + n, subject, version, TestBot.Start, "1700000000." + n, "1700000000." + n);

    [Fact]
    public async Task Record_SurvivesAPowerCutRightAfterIt()
    {
        var disk = new SimulatedFileSystem();
        using (var ledger = Ledger(disk))
        {
            await ledger.RecordAsync(Delivered(1), default);
            await ledger.RecordAsync(Delivered(2) with { MessageId = null, ThreadId = null, Error = "is_archived" }, default);
        }

        var book = await Ledger(disk.Crash(new Random(3))).ReadAsync(default);

        Assert.Equal("1700000000.1", book.Last["INC-1|slack:T1:C1"].MessageId);
        Assert.Equal("is_archived", book.Last["INC-1|slack:T1:C2"].Error);
        Assert.True(book.IsSettled("INC-1", "slack:T1:C2", "INC-1/1"));
    }

    [Fact]
    public async Task Recover_TornLastRecord_IsCutOff_AndReceiptsGoOnAfterTheLastGoodOne()
    {
        var disk = new SimulatedFileSystem();
        using (var ledger = Ledger(disk))
        {
            await ledger.RecordAsync(Delivered(1), default);
        }

        var whole = disk.ReadAllBytes(LedgerPath);
        var torn = RecordFraming.Frame(FileDeliveryLedger.Encode(Delivered(2)))[..20];
        disk.WriteAndSync(LedgerPath, [.. whole, .. torn]);

        using (var ledger = Ledger(disk))
        {
            Assert.Single((await ledger.ReadAsync(default)).Last);
            Assert.Equal(whole.Length, disk.ReadAllBytes(LedgerPath).Length);
            await ledger.RecordAsync(Delivered(3), default);
        }

        var book = await Ledger(disk).ReadAsync(default);
        Assert.Equal(["INC-1|slack:T1:C1", "INC-1|slack:T1:C3"], book.Last.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Record_SyncFails_IsRefusedAndCutOff_AndTheNextOneIsKept()
    {
        var disk = new SimulatedFileSystem();
        var fs = new GatedFileSystem(disk);
        using var ledger = Ledger(fs);
        await ledger.RecordAsync(Delivered(1), default);

        fs.FailSyncs = true;
        var refused = await Assert.ThrowsAsync<StorageException>(async () => await ledger.RecordAsync(Delivered(2), default));
        fs.FailSyncs = false;
        await ledger.RecordAsync(Delivered(3), default);
        var book = await Ledger(disk).ReadAsync(default);

        Assert.Contains(FileDeliveryLedger.FileName, refused.Message, StringComparison.Ordinal);
        Assert.False((await ledger.ReadAsync(default)).Last.ContainsKey("INC-1|slack:T1:C2"));
        Assert.Equal(["INC-1|slack:T1:C1", "INC-1|slack:T1:C3"], book.Last.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Recover_RecordFromANewerStatusBot_IsRefusedNamingTheFile()
    {
        var disk = new SimulatedFileSystem();
        disk.CreateDirectory(StorageKit.Directory);
        var newer = """{"v":99,"id":"INC-1/1","channel":"slack:T1:C1","subject":"INC-1","version":1,"at":"2026-01-01T00:00:00+00:00"}"""u8;
        disk.WriteAndSync(LedgerPath, RecordFraming.Frame(newer));

        var ex = await Assert.ThrowsAsync<StorageException>(async () => await Ledger(disk).ReadAsync(default));

        Assert.Contains(LedgerPath, ex.Message, StringComparison.Ordinal);
        Assert.Contains("schema version 99", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recover_ManySupersededReceipts_RewritesTheFileWithTheLastOfEachCard()
    {
        var disk = new SimulatedFileSystem();
        using (var ledger = Ledger(disk))
        {
            for (var version = 1; version <= 5000; version++)
            {
                await ledger.RecordAsync(Delivered(version % 2, "INC-1", version), default);
            }
        }

        var before = disk.ReadAllBytes(LedgerPath).Length;
        var book = await Ledger(disk).ReadAsync(default);
        var reread = await Ledger(disk.Crash(new Random(5))).ReadAsync(default);

        Assert.True(disk.ReadAllBytes(LedgerPath).Length < before / 1000, "the file keeps one record per card");
        Assert.Equal(2, book.Last.Count);
        Assert.Equal(5000, book.Last["INC-1|slack:T1:C0"].Version);
        Assert.Equal(book.Last.ToDictionary(), reread.Last.ToDictionary());
    }
}
