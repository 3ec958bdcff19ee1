using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StatusBot.Core.Commands;
using StatusBot.Core.State;
using StatusBot.Storage.Journal;

namespace StatusBot.Testing.Storage;

/// <summary>
/// One simulated power-loss trial: random admin commands (some concurrent, so batches form) and snapshots against a
/// file store on a <see cref="SimulatedFileSystem"/>, a power cut at a random I/O operation, a reboot, and recovery.
/// Returns what was acknowledged and what came back, for the caller to check.
/// </summary>
public static class PowerLossTrial
{
    private const string Directory = "/data";

    /// <summary>What came back, and every state the surviving whole batches could explain (empty: something was half-applied).</summary>
    public sealed record Outcome(long AcknowledgedSequence, BoardState Recovered, IReadOnlyList<BoardState> Candidates, int Acknowledged, bool Cut);

    public static async Task<Outcome> RunAsync(int seed, int maxOperations = 70)
    {
        var random = new Random(seed);
        var fs = new SimulatedFileSystem(seed) { CutAt = random.Next(1, maxOperations) };
        var store = NewStore(fs, random);
        var recording = new RecordingStore(store);
        var acknowledged = 0L;
        var count = 0;
        TestBot? bot = null;
        try
        {
            bot = await TestBot.StartAsync(recording);
            for (var round = 0; round < 12 && !fs.IsCut; round++)
            {
                var batch = Enumerable.Range(0, random.Next(1, 4)).Select(_ => RandomCommand(random, bot.State)).ToList();
                var results = await Task.WhenAll(batch.Select(text => AckedSequence(bot, text)));
                foreach (var sequence in results.OfType<long>())
                {
                    acknowledged = Math.Max(acknowledged, sequence);
                    count++;
                }

                if (random.Next(4) == 0)
                {
                    TrySnapshot(store, bot.State);
                }
            }
        }
        catch (Exception ex) when (ex is PowerCutException or Core.Board.StoreUnavailableException)
        {
        }
        finally
        {
            if (bot is not null)
            {
                await bot.DisposeAsync();
            }
        }

        var rebooted = fs.Crash(random);
        var initial = BoardState.Create(DemoCatalog.Services, DemoCatalog.Upstreams);
        var recovered = await NewStore(rebooted, random).RecoverAsync(initial, CancellationToken.None);
        return new Outcome(acknowledged, recovered, recording.StatesAt(initial, recovered.Sequence), count, fs.IsCut);
    }

    private static FileEventStore NewStore(SimulatedFileSystem fs, Random random) =>
        new(fs, Directory, segmentBytes: random.Next(2) == 0 ? 4096 : 1 << 20, new FakeTimeProvider(TestBot.Start), NullLogger<FileEventStore>.Instance);

    /// <summary>Snapshots are taken between rounds, as the snapshot service would: from the published state, while the board runs.</summary>
    private static void TrySnapshot(FileEventStore store, BoardState state)
    {
        try
        {
            store.WriteSnapshot(state);
        }
        catch (PowerCutException)
        {
        }
    }

    private static async Task<long?> AckedSequence(TestBot bot, string text)
    {
        try
        {
            var result = await bot.RunAsync(text);
            return result.Outcome is CommandOutcome.Changed ? bot.State.Sequence : null;
        }
        catch (PowerCutException)
        {
            return null;
        }
    }

    private static string RandomCommand(Random random, BoardState state)
    {
        var open = state.OpenIncidentIds;
        var services = new[] { "streaming", "website", "api", "billing", "sign-in" };
        var service = services[random.Next(services.Length)];
        var marker = random.Next(1_000_000);
        return random.Next(6) switch
        {
            0 or 1 => $"incident open {service} {new[] { "minor", "major", "critical" }[random.Next(3)]} \"Trial {marker}\" segments:\"TV, US East\"",
            2 when open.Count > 0 => $"incident update {open[random.Next(open.Count)]} identified Update {marker}",
            3 when open.Count > 0 => $"incident resolve {open[random.Next(open.Count)]} Fixed {marker}",
            4 when open.Count > 0 => $"incident cause {open[random.Next(open.Count)]} suspected Cause {marker}",
            _ => $"service set {service} {new[] { "up", "degraded", "partial", "major" }[random.Next(4)]} note {marker}",
        };
    }
}
