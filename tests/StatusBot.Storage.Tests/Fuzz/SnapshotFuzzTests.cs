using CsCheck;
using StatusBot.Storage.Journal;
using StatusBot.Testing;
using StatusBot.Testing.Fuzz;
using StatusBot.Testing.Storage;

namespace StatusBot.Storage.Tests.Fuzz;

/// <summary>
/// The snapshot reader against damaged snapshot files. The journal still holds every event, so a snapshot that does not
/// read back whole must be skipped and the same state recovered from the journal; one that passes its checksum but is not
/// a snapshot must be skipped or refused with a <see cref="StorageException"/>. No other exception ever escapes the start.
/// </summary>
public sealed class SnapshotFuzzTests
{
    private static readonly Lazy<Task<Scene>> Written = new(Scene.BuildAsync);

    [Fact]
    public async Task Recover_SnapshotBytesOverwrittenOrCut_SameStateFromTheJournal()
    {
        var scene = await Written.Value;
        var damage = Gen.Select(Gen.Int[0, scene.Snapshot.Length - 1], Gen.Byte.Array[1, 64], Gen.Bool);

        await damage.SampleAsync(async (at, bytes, cut) =>
        {
            var data = scene.Snapshot.ToArray();
            var length = Math.Min(bytes.Length, data.Length - at);
            bytes.AsSpan(0, length).CopyTo(data.AsSpan(at));
            if (!cut && data.AsSpan().SequenceEqual(scene.Snapshot))
            {
                return;
            }

            var outcome = await RecoverAsync(scene, cut ? data[..at] : data);

            Assert.False(outcome.Refused, "a snapshot that fails its checksum must be skipped, not stop the start");
            Assert.Equal(scene.Fingerprint, outcome.Fingerprint);
        }, iter: FuzzBudget.Iterations(1_000));
    }

    [Fact]
    public async Task Recover_WellFramedSnapshotThatIsNotOne_SkippedOrRefusedNeverCrashes()
    {
        var scene = await Written.Value;
        var payloads = Gen.Frequency(
            (2, Gen.Byte.Array[0, 512]),
            (5, Gen.Select(Gen.Int[0, scene.Payload.Length - 1], Gen.Byte.Array[1, 8]).Select((at, bytes) =>
            {
                var copy = scene.Payload.ToArray();
                bytes.AsSpan(0, Math.Min(bytes.Length, copy.Length - at)).CopyTo(copy.AsSpan(at));
                return copy;
            })),
            (3, Gen.OneOf(
                Gen.Const("{}"u8.ToArray()),
                Gen.Const("null"u8.ToArray()),
                Gen.Const("[]"u8.ToArray()),
                Gen.Const("""{"v":1,"seq":-1}"""u8.ToArray()),
                Gen.Const("""{"v":99,"seq":1}"""u8.ToArray()))));

        await payloads.SampleAsync(async payload =>
        {
            // Passing the checksum, the payload is taken as written: any outcome but an unexpected exception is allowed.
            var outcome = await RecoverAsync(scene, RecordFraming.Frame(payload));

            Assert.True(outcome.Refused || outcome.Fingerprint is not null);
        }, iter: FuzzBudget.Iterations(1_000));
    }

    private static Task<(bool Refused, string? Fingerprint)> RecoverAsync(Scene scene, byte[] snapshot) =>
        StorageKit.TryRecoverAsync((Scene.JournalPath, scene.Journal), (scene.SnapshotPath, snapshot));

    private sealed record Scene(byte[] Journal, byte[] Snapshot, byte[] Payload, string SnapshotPath, string Fingerprint)
    {
        public static readonly string JournalPath = Path.Combine(StorageKit.Directory, JournalFiles.Segment(1));

        /// <summary>A journal and a snapshot of its end, written by the real bot.</summary>
        public static async Task<Scene> BuildAsync()
        {
            var fs = new SimulatedFileSystem();
            var store = StorageKit.Store(fs);
            string fingerprint;
            long sequence;
            await using (var bot = await TestBot.StartAsync(store))
            {
                await bot.RunAsync("incident open streaming,website critical \"Streaming fails\" segments:\"TV devices\" users:27000000");
                await bot.RunAsync("incident update 1 identified Load balancers failing");
                await bot.RunAsync("incident cause 1 confirmed ELB upstream:aws-elb-us-east-1");
                await bot.RunAsync("maintenance schedule billing in:2h 90m Upgrade");
                store.WriteSnapshot(bot.State);
                fingerprint = StorageKit.Fingerprint(bot.State);
                sequence = bot.State.Sequence;
            }

            var snapshotPath = Path.Combine(StorageKit.Directory, JournalFiles.Snapshot(sequence));
            var snapshot = fs.ReadAllBytes(snapshotPath);
            Assert.True(RecordFraming.TryRead(snapshot, 0, out var payload, out _, out _));
            return new Scene(fs.ReadAllBytes(JournalPath), snapshot, payload.ToArray(), snapshotPath, fingerprint);
        }
    }
}
