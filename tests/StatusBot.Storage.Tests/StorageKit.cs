using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StatusBot.Core.State;
using StatusBot.Storage.Files;
using StatusBot.Storage.Journal;
using StatusBot.Storage.Snapshots;
using StatusBot.Testing;

namespace StatusBot.Storage.Tests;

/// <summary>Builders shared by the storage tests.</summary>
internal static class StorageKit
{
    public const string Directory = "/data";

    public static BoardState Initial() => BoardState.Create(DemoCatalog.Services, DemoCatalog.Upstreams);

    public static FileEventStore Store(IFileSystem files, long segmentBytes = 1024 * 1024, string directory = Directory) =>
        new(files, directory, segmentBytes, new FakeTimeProvider(TestBot.Start), NullLogger<FileEventStore>.Instance);

    /// <summary>The state as a snapshot would write it: equal bytes mean equal states.</summary>
    public static string Fingerprint(BoardState state) =>
        System.Text.Encoding.UTF8.GetString(SnapshotCodec.Encode(state, TestBot.Start));
}
