using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using StatusBot.Core.Board;
using StatusBot.Core.Commands;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.State;
using StatusBot.Storage.Files;
using StatusBot.Storage.Journal;
using StatusBot.Testing;
using StatusBot.Testing.Storage;

namespace StatusBot.StorageBench;

/// <summary>The storage figures of the durable-state issue, each printed as one table row.</summary>
internal static class Benchmarks
{
    private static readonly Actor Bench = new("bench", "bench", "Bench");

    /// <summary>Ack latency of admin commands through the real dispatcher and file store: 1 writer, then 20 at once.</summary>
    public static async Task<int> LatencyAsync(string[] args)
    {
        var commands = int.Parse(Measure.Arg(args, "--commands", "2000"), System.Globalization.CultureInfo.InvariantCulture);
        foreach (var writers in new[] { 1, 20 })
        {
            var directory = Measure.ScratchDirectory(args);
            await using var bot = await TestBot.StartAsync(NewStore(directory));
            var latencies = new List<double>();
            var gate = new Lock();
            var total = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
            {
                for (var i = 0; i < commands / writers; i++)
                {
                    var started = Stopwatch.GetTimestamp();
                    var result = await bot.RunAsync($"service set billing {(i % 2 == 0 ? "degraded" : "up")} writer {w} command {i}");
                    var elapsed = Measure.Ms(Stopwatch.GetTimestamp() - started);
                    if (result.Outcome != CommandOutcome.Changed)
                    {
                        throw new InvalidOperationException(result.Reply.Title);
                    }

                    lock (gate)
                    {
                        latencies.Add(elapsed);
                    }
                }
            })));
            total.Stop();
            Console.WriteLine($"ack latency, {writers} writer(s): {Measure.Percentiles(latencies)}; {latencies.Count / total.Elapsed.TotalSeconds:0} commands/s");
            Directory.Delete(directory, recursive: true);
        }

        return 0;
    }

    /// <summary>Recovery time of a journal of N events (default 100,000) with no snapshot.</summary>
    public static async Task<int> RecoveryAsync(string[] args)
    {
        var events = int.Parse(Measure.Arg(args, "--events", "100000"), System.Globalization.CultureInfo.InvariantCulture);
        var directory = Measure.ScratchDirectory(args);
        using (var store = NewStore(directory))
        {
            var state = await store.RecoverAsync(Initial(), CancellationToken.None);
            var at = TestBot.Start;
            var batch = new List<BoardEvent>();
            for (var i = 0; i < events; i++)
            {
                at = at.AddSeconds(1);
                batch.Add(new ServiceStatusChanged(Bench, at, "billing", i % 2 == 0 ? ServiceStatus.DegradedPerformance : ServiceStatus.Operational, "event " + i, null));
                if (batch.Count == 10 || i == events - 1)
                {
                    await store.AppendAsync(batch, state.Sequence + 1, CancellationToken.None);
                    state = StateReducer.ApplyAll(state, batch);
                    batch.Clear();
                }
            }
        }

        var bytes = Directory.EnumerateFiles(directory).Sum(f => new FileInfo(f).Length);

        // Where the time goes: reading and decoding the records alone, then folding the decoded events alone.
        var decode = Stopwatch.StartNew();
        var decoded = new List<BoardEvent>(events);
        foreach (var file in Directory.EnumerateFiles(directory, "journal-*.log").Order())
        {
            var data = File.ReadAllBytes(file);
            long offset = 0;
            while (StatusBot.Storage.Journal.RecordFraming.TryRead(data, offset, out var payload, out var next, out _))
            {
                decoded.AddRange(StatusBot.Storage.Serialization.EventBatchCodec.Decode(payload).Events);
                offset = next;
            }
        }

        decode.Stop();
        var fold = Stopwatch.StartNew();
        var folded = StateReducer.ApplyAll(Initial(), decoded);
        fold.Stop();
        Console.WriteLine($"read+decode {decoded.Count:N0} events: {decode.Elapsed.TotalMilliseconds:0} ms; fold: {fold.Elapsed.TotalMilliseconds:0} ms (sequence {folded.Sequence:N0})");

        // The first recovery is what a restart costs (code not yet compiled); the second shows the steady cost.
        foreach (var run in new[] { "first (cold)", "second (warm)" })
        {
            var watch = Stopwatch.StartNew();
            using var store = NewStore(directory);
            var recovered = await store.RecoverAsync(Initial(), CancellationToken.None);
            watch.Stop();
            Console.WriteLine($"recovery of {recovered.Sequence:N0} journal events ({bytes / 1024.0 / 1024.0:0.0} MiB), {run}: {watch.Elapsed.TotalMilliseconds:0} ms");
        }

        Directory.Delete(directory, recursive: true);
        return 0;
    }

    /// <summary>Snapshot of N incidents (default 10,000): write time and size, recovery time, RSS, and reader latency during the write.</summary>
    public static async Task<int> SnapshotAsync(string[] args)
    {
        var incidents = int.Parse(Measure.Arg(args, "--incidents", "10000"), System.Globalization.CultureInfo.InvariantCulture);
        var directory = Measure.ScratchDirectory(args);
        var baseline = Measure.RssBytes();
        await using (var bot = await TestBot.StartAsync(NewStore(directory)))
        {
            // Realistic incidents (opened, updated, resolved), stored 100 at a time to keep the set-up short.
            for (var first = 1; first <= incidents; first += 100)
            {
                var from = first;
                await bot.Board.ExecuteAsync(_ => Decision.Apply([.. Enumerable.Range(from, Math.Min(100, incidents - from + 1)).SelectMany(IncidentLife)]), CancellationToken.None);
            }

            var store = (FileEventStore)bot.Store;
            var readerLatencies = new List<double>();
            var quietLatencies = await ReadLatenciesAsync(bot, TimeSpan.FromMilliseconds(500));
            using var stop = new CancellationTokenSource();
            var readers = Task.Run(async () => readerLatencies.AddRange(await ReadLatenciesAsync(bot, TimeSpan.FromSeconds(30), stop.Token)));
            var watch = Stopwatch.StartNew();
            store.WriteSnapshot(bot.State);
            watch.Stop();
            await stop.CancelAsync();
            await readers;
            var size = new FileInfo(Directory.EnumerateFiles(directory, "snapshot-*.snap").Single()).Length;
            Console.WriteLine($"snapshot of {incidents:N0} incidents: {watch.Elapsed.TotalMilliseconds:0} ms, {size / 1024.0 / 1024.0:0.0} MiB");
            Console.WriteLine($"'status' latency without a snapshot: {Measure.Percentiles(quietLatencies)}");
            Console.WriteLine($"'status' latency while the snapshot is written: {Measure.Percentiles(readerLatencies)}");
        }

        var watchRecovery = Stopwatch.StartNew();
        using var reopened = NewStore(directory);
        var state = await reopened.RecoverAsync(Initial(), CancellationToken.None);
        watchRecovery.Stop();
        Console.WriteLine($"recovery from that snapshot ({state.Incidents.Count:N0} incidents): {watchRecovery.Elapsed.TotalMilliseconds:0} ms");
        Console.WriteLine($"RSS after loading: {(Measure.RssBytes() - baseline) / 1024.0 / 1024.0:0} MiB above the process baseline ({Measure.RssBytes() / 1024.0 / 1024.0:0} MiB total)");
        GC.KeepAlive(state);
        Directory.Delete(directory, recursive: true);
        return 0;
    }

    /// <summary>The process-crash harness of the test suite, for as many trials as asked (default 1000).</summary>
    public static async Task<int> CrashAsync(string[] args)
    {
        var trials = int.Parse(Measure.Arg(args, "--trials", "1000"), System.Globalization.CultureInfo.InvariantCulture);
        var root = Measure.Arg(args, "--repo", Directory.GetCurrentDirectory());
        var dll = Measure.Arg(args, "--statusbot", Path.Combine(root, "src", "StatusBot.Host", "bin", "Release", "net10.0", "statusbot.dll"));
        var harness = new CrashHarness(dll, Path.Combine(root, "config", "statusbot.json"));
        var acknowledged = 0;
        var lost = 0;
        var errors = 0;
        for (var seed = 1; seed <= trials; seed++)
        {
            var result = await harness.RunTrialAsync(seed, CancellationToken.None);
            acknowledged += result.Acknowledged;
            lost += result.Missing.Count;
            errors += result.Error is null ? 0 : 1;
            if (seed % 50 == 0 || result.Missing.Count > 0 || result.Error is not null)
            {
                Console.WriteLine($"trial {seed}: acknowledged so far {acknowledged}, lost {lost}, errors {errors} {result.Error}");
            }
        }

        Console.WriteLine($"{trials} crash trials: {acknowledged} acknowledged commands, {lost} lost, {errors} errors");
        return lost == 0 && errors == 0 ? 0 : 1;
    }

    private static IEnumerable<BoardEvent> IncidentLife(int n)
    {
        var at = TestBot.Start.AddMinutes(n);
        var id = IncidentIds.Format(n);
        yield return new IncidentOpened(
            Bench, at, id, $"Incident number {n}", Impact.Major,
            [new AffectedService("api", ServiceStatus.PartialOutage), new AffectedService("website", ServiceStatus.PartialOutage)],
            ["TV devices", "US East"], 1_000_000, new Cause("upstream load balancers", CauseConfidence.Suspected, DemoCatalog.ElbId), at, at.AddMinutes(30), null, false);
        yield return new IncidentUpdated(Bench, at.AddMinutes(10), id, IncidentStatus.Identified, $"Load balancers in us-east-1 are failing for incident {n}", UpdateKind.Human, at.AddMinutes(40));
        yield return new IncidentResolved(Bench, at.AddMinutes(50), id, $"Fixed for incident {n}");
    }

    private static async Task<List<double>> ReadLatenciesAsync(TestBot bot, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var latencies = new List<double>();
        var until = Stopwatch.StartNew();
        while (until.Elapsed < duration && !cancellationToken.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            await bot.RunAsync("status streaming", TestBot.Viewer());
            latencies.Add(Measure.Ms(Stopwatch.GetTimestamp() - started));
        }

        return latencies;
    }

    private static BoardState Initial() => BoardState.Create(DemoCatalog.Services, DemoCatalog.Upstreams);

    private static FileEventStore NewStore(string directory) =>
        new(new PhysicalFileSystem(), directory, 16 << 20, TimeProvider.System, NullLogger<FileEventStore>.Instance);
}
