using CsCheck;
using StatusBot.Storage.Journal;
using StatusBot.Testing;
using StatusBot.Testing.Fuzz;
using StatusBot.Testing.Storage;

namespace StatusBot.Storage.Tests.Fuzz;

/// <summary>
/// The journal reader against any bytes: appended to a valid journal, written over part of it, or framed as a record
/// with a correct checksum. Recovery either refuses to start with a <see cref="StorageException"/> (the documented
/// refusal) or recovers exactly the state after some whole prefix of the records; nothing else ever escapes.
/// </summary>
public sealed class JournalFuzzTests
{
    private static readonly Lazy<Task<Journal>> Valid = new(Journal.BuildAsync);

    private static readonly Gen<byte[]> Garbage = Gen.Frequency(
        (3, Gen.Byte.Array[1, 64]),
        (1, Gen.Byte.Array[0, 4096]),
        (1, Gen.OneOf(Gen.Const<byte>(0), Gen.Const<byte>(0xFF), Gen.Byte[(byte)'"', (byte)'}']).Array[1, 32]));

    [Fact]
    public async Task Recover_GarbageAppended_KeepsEveryRecordOrRefuses()
    {
        var journal = await Valid.Value;

        await Garbage.SampleAsync(async tail =>
        {
            var outcome = await RecoverAsync([.. journal.Bytes, .. tail]);

            Assert.True(outcome.Refused || outcome.Fingerprint == journal.Prefixes[^1], "appended bytes lost or changed a record");
        }, iter: FuzzBudget.Iterations(1_000));
    }

    [Fact]
    public async Task Recover_BytesOverwrittenOrCut_RecoversAPrefixOrRefuses()
    {
        var journal = await Valid.Value;
        var damage = Gen.Select(Gen.Int[0, journal.Bytes.Length - 1], Garbage, Gen.Bool);

        await damage.SampleAsync(async (at, bytes, cut) =>
        {
            var data = journal.Bytes.ToArray();
            var length = Math.Min(bytes.Length, data.Length - at);
            bytes.AsSpan(0, length).CopyTo(data.AsSpan(at));
            var outcome = await RecoverAsync(cut ? data[..(at + length)] : data);

            Assert.True(outcome.Refused || journal.Prefixes.Contains(outcome.Fingerprint!), "recovered a state that no prefix of the journal had");
        }, iter: FuzzBudget.Iterations(1_000));
    }

    /// <summary>Bytes that pass the checksum are what was written: a foreign or buggy record must be refused, not crash.</summary>
    [Fact]
    public async Task Recover_WellFramedGarbageRecord_RefusesOrRecoversAPrefix()
    {
        var journal = await Valid.Value;
        var payloads = Gen.Frequency(
            (2, Gen.Byte.Array[0, 256]),
            (4, Gen.Select(Gen.Int[0, journal.LastPayload.Length - 1], Gen.Byte.Array[1, 8]).Select((at, bytes) => Mutate(journal.LastPayload, at, bytes))),
            (4, Gen.OneOf(JsonVariants(journal.LastPayload))));

        await payloads.SampleAsync(async payload =>
        {
            var outcome = await RecoverAsync([.. journal.Bytes, .. RecordFraming.Frame(payload)]);

            Assert.True(outcome.Refused || journal.Prefixes.Contains(outcome.Fingerprint!), "recovered a state that no prefix of the journal had");
        }, iter: FuzzBudget.Iterations(1_500));
    }

    /// <summary>Found by the property above: invalid UTF-8 in a string escaped as InvalidOperationException and crashed the start.</summary>
    [Theory]
    [InlineData(new byte[] { 0xD9 })]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    public async Task Recover_WellFramedRecordWithInvalidUtf8_IsTheDocumentedRefusal(byte[] bad)
    {
        var journal = await Valid.Value;
        byte[] payload = [.. "{\"v\":1,\"seq\":99,\"events\":[{\"type\":\""u8, .. bad, .. "\",\"data\":{}}]}"u8];
        var fs = new SimulatedFileSystem();
        fs.CreateDirectory(StorageKit.Directory);
        fs.WriteAndSync(Journal.Path, [.. journal.Bytes, .. RecordFraming.Frame(payload)]);

        var ex = await Assert.ThrowsAsync<StorageException>(async () => await StorageKit.Store(fs).RecoverAsync(StorageKit.Initial(), default));

        Assert.Contains("holds a record this StatusBot cannot read", ex.Message, StringComparison.Ordinal);
    }

    private static Task<(bool Refused, string? Fingerprint)> RecoverAsync(byte[] segment) =>
        StorageKit.TryRecoverAsync((Journal.Path, segment));

    private static byte[] Mutate(byte[] payload, int at, byte[] bytes)
    {
        var copy = payload.ToArray();
        bytes.AsSpan(0, Math.Min(bytes.Length, copy.Length - at)).CopyTo(copy.AsSpan(at));
        return copy;
    }

    /// <summary>Valid JSON that is not a valid record: wrong numbers, nulls, missing or unknown fields.</summary>
    private static Gen<byte[]>[] JsonVariants(byte[] valid)
    {
        var text = System.Text.Encoding.UTF8.GetString(valid);
        string[] edits =
        [
            text.Replace("\"seq\":", "\"seq\":1.5e400,\"x\":", StringComparison.Ordinal),
            text.Replace("\"v\":1", "\"v\":1.5", StringComparison.Ordinal),
            text.Replace("\"v\":1", "\"v\":99999999999999999999", StringComparison.Ordinal),
            text.Replace("\"v\":1", "\"v\":-1", StringComparison.Ordinal),
            text.Replace("\"data\":{", "\"data\":{\"serviceId\":null,", StringComparison.Ordinal),
            text.Replace("\"data\":{", "\"data\":{\"at\":\"yesterday\",", StringComparison.Ordinal),
            text.Replace("\"data\":{", "\"data\":null,\"x\":{", StringComparison.Ordinal),
            text.Replace("\"data\":", "\"data\":[],\"y\":", StringComparison.Ordinal),
            """{"v":1,"seq":1,"events":[{"type":"ServiceStatusChanged","data":{}}]}""",
            """{"v":1,"seq":1,"events":[{"type":"IncidentOpened","data":{}}]}""",
            """{"v":1,"seq":1,"events":[{"type":"IncidentUpdated","data":{"incidentId":"INC-404"}}]}""",
            """{"v":1,"seq":1,"events":[{"type":"BoardInitialized","data":{"actor":null}}]}""",
            """{"v":1,"seq":9223372036854775807,"events":[]}""",
            """{"v":1,"seq":-5,"events":[{"type":"ServiceStatusChanged","data":{"serviceId":"nope","status":"major_outage"}}]}""",
            """{"v":1,"seq":1,"events":[1,2,3]}""",
            """{"v":1,"seq":1,"events":[{"type":"ToString","data":{}}]}""",
        ];
        var seq = System.Text.RegularExpressions.Regex.Match(text, "\"seq\":(\\d+)").Groups[1].Value;
        return
        [
            .. edits.Select(e => Gen.Const(System.Text.Encoding.UTF8.GetBytes(e))),
            .. edits.Select(e => Gen.Const(System.Text.Encoding.UTF8.GetBytes(e.Replace("\"seq\":1,", $"\"seq\":{seq},", StringComparison.Ordinal)))),
        ];
    }

    private sealed record Journal(byte[] Bytes, byte[] LastPayload, List<string> Prefixes)
    {
        public static readonly string Path = System.IO.Path.Combine(StorageKit.Directory, JournalFiles.Segment(1));

        /// <summary>A journal written by the real bot, and the state after each whole prefix of its records.</summary>
        public static async Task<Journal> BuildAsync()
        {
            var fs = new SimulatedFileSystem();
            await using (var bot = await TestBot.StartAsync(StorageKit.Store(fs)))
            {
                await bot.RunAsync("incident open streaming,website critical \"Streaming fails\" segments:\"TV devices\" users:27000000");
                await bot.RunAsync("incident update 1 identified Load balancers failing");
                await bot.RunAsync("incident cause 1 confirmed ELB upstream:aws-elb-us-east-1");
                await bot.RunAsync("service set api degraded Slow");
                await bot.RunAsync("maintenance schedule billing in:2h 90m Upgrade");
                await bot.RunAsync("incident resolve 1 Fixed");
            }

            var bytes = fs.ReadAllBytes(Path);
            var prefixes = new List<string>();
            long offset = 0;
            var ends = new List<long> { 0 };
            byte[] last = [];
            while (RecordFraming.TryRead(bytes, offset, out var payload, out var next, out _))
            {
                last = payload.ToArray();
                ends.Add(next);
                offset = next;
            }

            foreach (var end in ends)
            {
                var prefixFs = new SimulatedFileSystem();
                prefixFs.CreateDirectory(StorageKit.Directory);
                prefixFs.WriteAndSync(Path, bytes.AsSpan(0, (int)end));
                prefixes.Add(StorageKit.Fingerprint(await StorageKit.Store(prefixFs).RecoverAsync(StorageKit.Initial(), default)));
            }

            Assert.True(ends.Count > 5, "the scene should write several records");
            return new Journal(bytes, last, prefixes);
        }
    }
}
