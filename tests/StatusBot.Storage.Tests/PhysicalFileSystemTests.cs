using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Storage.Files;
using StatusBot.Storage.Journal;
using StatusBot.Testing;

namespace StatusBot.Storage.Tests;

/// <summary>The real disk's append file: space zeroed ahead of the writes while open, cut off when closed.</summary>
public sealed class PhysicalFileSystemTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("statusbot-physical-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void AppendFile_WhileOpen_ZerosFollowTheBytes_ClosedItEndsAtThem_ReopenedItAppends()
    {
        var path = Path.Combine(_directory, "segment");
        var files = new PhysicalFileSystem();
        var first = "first record "u8.ToArray();
        var second = "second"u8.ToArray();

        long lengthWhileOpen;
        byte[] onDiskWhileOpen;
        using (var file = files.OpenAppend(path))
        {
            file.Write(first);
            file.Sync();
            lengthWhileOpen = file.Length;
            onDiskWhileOpen = ReadShared(path);
        }

        var afterClose = File.ReadAllBytes(path);
        var disposedTwice = Record.Exception(() =>
        {
            var file = files.OpenAppend(path);
            file.Dispose();
            file.Dispose();
        });
        using (var reopened = files.OpenAppend(path))
        {
            Assert.Equal(first.Length, reopened.Length);
            reopened.Write(second);
            reopened.Sync();
        }

        Assert.Null(disposedTwice);
        Assert.Equal(first.Length, lengthWhileOpen);
        Assert.True(onDiskWhileOpen.Length > first.Length + 64 * 1024, $"{onDiskWhileOpen.Length} bytes on disk");
        Assert.Equal(first, onDiskWhileOpen[..first.Length]);
        Assert.DoesNotContain(onDiskWhileOpen[first.Length..], b => b != 0);
        Assert.Equal(first, afterClose);
        Assert.Equal([.. first, .. second], File.ReadAllBytes(path));
    }

    [Fact]
    public void AppendFile_TruncateTo_CutsTheBytesAndTheZeros_AndTheNextWriteGoesThere()
    {
        var path = Path.Combine(_directory, "segment");
        using var file = new PhysicalFileSystem().OpenAppend(path);
        file.Write("kept"u8);
        file.Write("failed"u8);

        file.TruncateTo(4);
        var cut = ReadShared(path);
        file.Write("next"u8);
        file.Sync();

        Assert.Equal("kept"u8.ToArray(), cut);
        Assert.Equal(8, file.Length);
        Assert.Equal("keptnext"u8.ToArray(), ReadShared(path)[..8]);
    }

    [Fact]
    public async Task Journal_ProcessStoppedWithoutClosingIt_RecoversEveryRecordFromTheZeroedFile()
    {
        var live = Path.Combine(_directory, "live");
        var copy = Path.Combine(_directory, "copy");
        Directory.CreateDirectory(copy);
        var actor = new Actor("console", "ada", "Ada");
        using (var store = StorageKit.Store(new PhysicalFileSystem(), directory: live))
        {
            await store.RecoverAsync(StorageKit.Initial(), default);
            for (var i = 1; i <= 3; i++)
            {
                await store.AppendAsync([new ServiceStatusChanged(actor, TestBot.Start.AddMinutes(i), "streaming", i % 2 == 1 ? ServiceStatus.MajorOutage : ServiceStatus.Operational, $"n{i}", null)], i, default);
            }

            // What a kill -9 leaves on disk: the segment as it is while open, zeros after the records.
            foreach (var name in Directory.EnumerateFiles(live).Select(Path.GetFileName))
            {
                File.WriteAllBytes(Path.Combine(copy, name!), ReadShared(Path.Combine(live, name!)));
            }
        }

        var segment = Path.Combine(copy, JournalFiles.Segment(1));
        var zeroedLength = new FileInfo(segment).Length;
        using var recovering = StorageKit.Store(new PhysicalFileSystem(), directory: copy);
        var state = await recovering.RecoverAsync(StorageKit.Initial(), default);

        Assert.Equal(3, state.Sequence);
        Assert.Equal("n3", state.Services["streaming"].Note);
        Assert.True(new FileInfo(segment).Length < zeroedLength);
        Assert.Equal(File.ReadAllBytes(Path.Combine(live, JournalFiles.Segment(1))), File.ReadAllBytes(segment));
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
