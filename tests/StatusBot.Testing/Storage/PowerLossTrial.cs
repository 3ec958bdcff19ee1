using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StatusBot.Core.Announcing;
using StatusBot.Core.Board;
using StatusBot.Core.Commands;
using StatusBot.Core.State;
using StatusBot.Storage;
using StatusBot.Storage.Deliveries;
using StatusBot.Storage.Journal;

namespace StatusBot.Testing.Storage;

/// <summary>
/// One simulated power-loss trial: random admin commands (some concurrent, so batches form), announcement receipts
/// recorded in the delivery ledger beside the journal, and snapshots, against a file store on a
/// <see cref="SimulatedFileSystem"/>; a power cut at a random I/O operation, a reboot, and recovery of both. Returns what
/// was acknowledged and what came back, for the caller to check.
/// </summary>
/// <remarks>
/// What was acknowledged is read from the batch that stored each command's own events, not from the board's sequence,
/// which a command committed a moment later may already have moved on.
/// </remarks>
public static class PowerLossTrial
{
    private const string Directory = "/data";

    /// <summary>
    /// What came back, and every state the surviving whole batches could explain (empty: something was half-applied); the
    /// receipts the delivery ledger acknowledged, and what it read back after the reboot.
    /// </summary>
    public sealed record Outcome(
        long AcknowledgedSequence,
        BoardState Recovered,
        IReadOnlyList<BoardState> Candidates,
        int Acknowledged,
        bool Cut,
        IReadOnlyList<DeliveryReceipt> AcknowledgedReceipts,
        DeliveryBook RecoveredReceipts);

    public static async Task<Outcome> RunAsync(int seed, int maxOperations = 70)
    {
        var random = new Random(seed);
        var fs = new SimulatedFileSystem(seed) { CutAt = random.Next(1, maxOperations) };
        var store = NewStore(fs, random);
        var recording = new RecordingStore(store);
        var ledger = NewLedger(fs);
        var receipted = new System.Collections.Concurrent.ConcurrentBag<DeliveryReceipt>();
        var acknowledged = 0L;
        var count = 0;
        TestBot? bot = null;
        try
        {
            bot = await TestBot.StartAsync(recording);
            for (var round = 0; round < 12 && !fs.IsCut; round++)
            {
                var batch = Enumerable.Range(0, random.Next(1, 4)).Select(_ => RandomCommand(random, bot.State)).ToList();
                var receipts = Enumerable.Range(0, random.Next(0, 3)).Select(i => Receipt(ledger, receipted, random, round * 10 + i)).ToList();
                var results = await Task.WhenAll(batch.Select(text => AckedSequence(bot, recording, text)).Concat(receipts));
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
        catch (Exception ex) when (ex is PowerCutException or StoreUnavailableException)
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
        var book = await NewLedger(rebooted).ReadAsync(CancellationToken.None);
        return new Outcome(acknowledged, recovered, recording.StatesAt(initial, recovered.Sequence), count, fs.IsCut, [.. receipted], book);
    }

    private static FileEventStore NewStore(SimulatedFileSystem fs, Random random) =>
        new(fs, Directory, segmentBytes: random.Next(2) == 0 ? 4096 : 1 << 20, new FakeTimeProvider(TestBot.Start), NullLogger<FileEventStore>.Instance);

    private static FileDeliveryLedger NewLedger(SimulatedFileSystem fs) => new(fs, Directory, NullLogger<FileDeliveryLedger>.Instance);

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

    /// <summary>The sequence of the command's last event once acknowledged; null when it was refused or lost with the power.</summary>
    private static async Task<long?> AckedSequence(TestBot bot, RecordingStore recording, string text)
    {
        try
        {
            var result = await bot.RunAsync(text);
            if (result.Outcome is not CommandOutcome.Changed)
            {
                return null;
            }

            var last = result.Events[^1];
            var (first, events) = recording.Batches.Last(b => b.Events.Any(e => ReferenceEquals(e, last)));
            return first + events.ToList().FindIndex(e => ReferenceEquals(e, last));
        }
        catch (PowerCutException)
        {
            return null;
        }
    }

    /// <summary>Records a post the announcer made (a card in a channel), or one it gave up; kept when acknowledged.</summary>
    private static async Task<long?> Receipt(FileDeliveryLedger ledger, System.Collections.Concurrent.ConcurrentBag<DeliveryReceipt> acknowledged, Random random, int number)
    {
        var id = "ANN-trial-" + number;
        var receipt = random.Next(3) == 0
            ? new DeliveryReceipt(id, "slack:C" + number, "INC-1", 1, TestBot.Start, null, null, "rejected")
            : new DeliveryReceipt(id, "slack:C" + number, "INC-1", 1, TestBot.Start, "1700000000." + number, null);
        try
        {
            await ledger.RecordAsync(receipt, CancellationToken.None);
            acknowledged.Add(receipt);
        }
        catch (Exception ex) when (ex is PowerCutException or StorageException)
        {
        }

        return null;
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
