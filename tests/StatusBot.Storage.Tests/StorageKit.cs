using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StatusBot.Core.State;
using StatusBot.Storage.Files;
using StatusBot.Storage.Journal;
using StatusBot.Storage.Snapshots;
using StatusBot.Testing;
using StatusBot.Testing.Storage;

namespace StatusBot.Storage.Tests;

/// <summary>Builders shared by the storage tests.</summary>
internal static class StorageKit
{
    public const string Directory = "/data";

    public static BoardState Initial() => BoardState.Create(DemoCatalog.Services, DemoCatalog.Upstreams);

    public static FileEventStore Store(IFileSystem files, long segmentBytes = 1024 * 1024, string directory = Directory) =>
        new(files, directory, segmentBytes, new FakeTimeProvider(TestBot.Start), NullLogger<FileEventStore>.Instance);

    /// <summary>
    /// Starts a store on a data directory holding exactly <paramref name="files"/> (path and bytes, written and synced):
    /// refused (the documented <see cref="StorageException"/>) or the recovered state's fingerprint. Any other exception
    /// escapes, and fails the fuzz property that called it.
    /// </summary>
    public static async Task<(bool Refused, string? Fingerprint)> TryRecoverAsync(params (string Path, byte[] Bytes)[] files)
    {
        var fs = new SimulatedFileSystem();
        fs.CreateDirectory(Directory);
        foreach (var (path, bytes) in files)
        {
            fs.WriteAndSync(path, bytes);
        }

        try
        {
            return (false, Fingerprint(await Store(fs).RecoverAsync(Initial(), default)));
        }
        catch (StorageException)
        {
            return (true, null);
        }
    }

    /// <summary>The state as a snapshot would write it: equal bytes mean equal states.</summary>
    public static string Fingerprint(BoardState state) =>
        System.Text.Encoding.UTF8.GetString(SnapshotCodec.Encode(state, TestBot.Start));
}
