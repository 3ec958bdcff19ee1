using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using StatusBot.Core.Board;
using StatusBot.Core.Commands;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.State;
using StatusBot.Storage.Journal;
using StatusBot.Testing;
using StatusBot.Testing.Storage;

namespace StatusBot.Storage.Postgres.Tests;

public sealed class PostgresEventStoreTests(ITestOutputHelper output)
{
    private static readonly string[] Script =
    [
        "incident open streaming major \"Streaming fails\"",
        "incident cause 1 suspected ELB",
        "incident update INC-1 identified Load balancers failing",
        "service set billing degraded Slow invoices",
        "incident open api minor \"Slow API\"",
        "maintenance schedule billing in:2h 90m Upgrade",
        "incident resolve 1 Fixed",
        "service set billing up",
    ];

    [SkippableFact]
    public async Task AppendThenRecover_EqualsTheFileStoresStateForTheSameCommands()
    {
        await using var db = await PgKit.DatabaseAsync();
        await using var node = new PgNode(db.ConnectionString);
        var files = new SimulatedFileSystem();
        var fileStore = new FileEventStore(files, "/data", 1024 * 1024, new FakeTimeProvider(TestBot.Start), NullLogger<FileEventStore>.Instance);
        await using (var onPostgres = await TestBot.StartAsync(node.Store))
        await using (var onFiles = await TestBot.StartAsync(fileStore))
        {
            foreach (var command in Script)
            {
                Assert.Equal(CommandOutcome.Changed, (await onPostgres.RunAsync(command)).Outcome);
                Assert.Equal(CommandOutcome.Changed, (await onFiles.RunAsync(command)).Outcome);
            }
        }

        await using var restarted = new PgNode(db.ConnectionString, "B");
        var fromPostgres = await restarted.Store.RecoverAsync(PgKit.Initial(), CancellationToken.None);
        var fromFiles = await new FileEventStore(files, "/data", 1024 * 1024, new FakeTimeProvider(TestBot.Start), NullLogger<FileEventStore>.Instance)
            .RecoverAsync(PgKit.Initial(), CancellationToken.None);
        var folded = StateReducer.ApplyAll(PgKit.Initial(), await restarted.AllEventsAsync());

        Assert.Equal(PgKit.Fingerprint(fromFiles), PgKit.Fingerprint(fromPostgres));
        Assert.Equal(PgKit.Fingerprint(folded), PgKit.Fingerprint(fromPostgres));
        Assert.Equal(ServiceStatus.Operational, fromPostgres.Services["billing"].Status);
        Assert.Equal(2, fromPostgres.Incidents.Count);
    }

    [SkippableFact]
    public async Task Recover_NewestSnapshotPlusLaterEvents_BadSnapshotFallsBackToTheOlderOne()
    {
        await using var db = await PgKit.DatabaseAsync();
        await using var node = new PgNode(db.ConnectionString);
        await using (var bot = await TestBot.StartAsync(node.Store))
        {
            await bot.RunAsync(Script[0]);
            await node.Store.WriteSnapshotAsync(bot.State, TestBot.Start, CancellationToken.None);
            await bot.RunAsync(Script[1]);
            await node.Store.WriteSnapshotAsync(bot.State, TestBot.Start, CancellationToken.None);
            await bot.RunAsync(Script[2]);
            await node.Store.WriteSnapshotAsync(bot.State, TestBot.Start, CancellationToken.None);
            await bot.RunAsync(Script[3]);
        }

        await using var fresh = new PgNode(db.ConnectionString, "B");
        var expected = PgKit.Fingerprint(StateReducer.ApplyAll(PgKit.Initial(), await fresh.AllEventsAsync()));
        var kept = await PgKit.ScalarAsync(db.ConnectionString, "SELECT count(*) FROM snapshots");
        var fromSnapshot = await fresh.Store.RecoverAsync(PgKit.Initial(), CancellationToken.None);
        var newestSnapshot = fresh.Store.LastSnapshotSequence;
        await PgKit.ExecuteAsync(db.ConnectionString, "UPDATE snapshots SET document = 'not json'::bytea WHERE seq = (SELECT max(seq) FROM snapshots)");
        var fromOlder = await fresh.Store.RecoverAsync(PgKit.Initial(), CancellationToken.None);
        var olderSnapshot = fresh.Store.LastSnapshotSequence;
        await PgKit.ExecuteAsync(db.ConnectionString, "UPDATE snapshots SET document = 'not json'::bytea");
        var fromEvents = await fresh.Store.RecoverAsync(PgKit.Initial(), CancellationToken.None);

        Assert.Equal(2, kept);
        Assert.Equal(expected, PgKit.Fingerprint(fromSnapshot));
        Assert.Equal(expected, PgKit.Fingerprint(fromOlder));
        Assert.Equal(expected, PgKit.Fingerprint(fromEvents));
        Assert.True(olderSnapshot < newestSnapshot, $"fell back from {newestSnapshot} to {olderSnapshot}");
        Assert.Equal(0, fresh.Store.LastSnapshotSequence);
    }

    /// <summary>A snapshot row that is valid JSON but not a state StatusBot writes (an incident twice) is skipped, not a crash.</summary>
    [SkippableFact]
    public async Task Recover_SnapshotWithAnIncidentTwice_SkippedForTheEvents()
    {
        await using var db = await PgKit.DatabaseAsync();
        await using var node = new PgNode(db.ConnectionString);
        await using (var bot = await TestBot.StartAsync(node.Store))
        {
            await bot.RunAsync(Script[0]);
            await node.Store.WriteSnapshotAsync(bot.State, TestBot.Start, CancellationToken.None);
        }

        var document = (await db.QueryAsync("SELECT document FROM snapshots", r => (byte[])r[0])).Single();
        var json = System.Text.Json.Nodes.JsonNode.Parse(document)!;
        var incidents = json["incidents"]!.AsArray();
        Assert.NotEmpty(incidents);
        incidents.Add(incidents[0]!.DeepClone());
        await using (var connection = new NpgsqlConnection(db.ConnectionString))
        {
            await connection.OpenAsync();
            await using var update = new NpgsqlCommand("UPDATE snapshots SET document = @d", connection);
            update.Parameters.AddWithValue("d", System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()));
            await update.ExecuteNonQueryAsync();
        }

        await using var fresh = new PgNode(db.ConnectionString, "B");
        var expected = PgKit.Fingerprint(StateReducer.ApplyAll(PgKit.Initial(), await fresh.AllEventsAsync()));
        var recovered = await fresh.Store.RecoverAsync(PgKit.Initial(), CancellationToken.None);

        Assert.Equal(expected, PgKit.Fingerprint(recovered));
        Assert.Equal(0, fresh.Store.LastSnapshotSequence);
    }

    [SkippableFact]
    public async Task Append_BehindTheHeadOrWithAGap_IsAConflictAndWritesNothing()
    {
        await using var db = await PgKit.DatabaseAsync();
        await using var node = new PgNode(db.ConnectionString);
        await node.Store.RecoverAsync(PgKit.Initial(), CancellationToken.None);
        await node.Store.AppendAsync([Queued("a1")], 1, CancellationToken.None);

        var behind = await Assert.ThrowsAsync<SequenceConflictException>(() => node.Store.AppendAsync([Queued("a2")], 1, CancellationToken.None).AsTask());
        var gap = await Assert.ThrowsAsync<SequenceConflictException>(() => node.Store.AppendAsync([Queued("a3")], 5, CancellationToken.None).AsTask());

        Assert.Equal(1, behind.ExpectedSequence);
        Assert.Equal(5, gap.ExpectedSequence);
        Assert.Equal(1, await PgKit.ScalarAsync(db.ConnectionString, "SELECT count(*) FROM events"));
        Assert.Equal(1, await PgKit.ScalarAsync(db.ConnectionString, "SELECT count(*) FROM announcement_deliveries"));
        Assert.Equal(1, node.Status.HeadSequence);
    }

    [SkippableFact]
    public async Task Append_QueuedAnnouncements_ProjectedIntoDeliveriesInTheSameTransaction()
    {
        await using var db = await PgKit.DatabaseAsync();
        await using var node = new PgNode(db.ConnectionString);
        await node.Store.RecoverAsync(PgKit.Initial(), CancellationToken.None);

        await node.Store.AppendAsync([Queued("a1"), Queued("a2"), Queued("a3"), Queued("a1")], 1, CancellationToken.None);

        Assert.Equal(3, await PgKit.ScalarAsync(db.ConnectionString, "SELECT count(*) FROM announcement_deliveries"));
        Assert.Equal(3, await PgKit.ScalarAsync(db.ConnectionString,
            "SELECT count(*) FROM announcement_deliveries WHERE delivered_at IS NULL AND failed_reason IS NULL AND settled_at IS NULL"));
    }

    [SkippableFact]
    public async Task Append_RefusedByAConflict_WritesNoDeliveryRow()
    {
        await using var db = await PgKit.DatabaseAsync();
        await using var a = new PgNode(db.ConnectionString, "A");
        await using var b = new PgNode(db.ConnectionString, "B");
        await a.Store.RecoverAsync(PgKit.Initial(), CancellationToken.None);
        await a.Store.AppendAsync([Queued("from-a")], 1, CancellationToken.None);

        await Assert.ThrowsAsync<SequenceConflictException>(() => b.Store.AppendAsync([Queued("from-b"), Queued("from-b-too")], 1, CancellationToken.None).AsTask());

        Assert.Equal(0, await PgKit.ScalarAsync(db.ConnectionString, "SELECT count(*) FROM announcement_deliveries WHERE announcement_id LIKE 'from-b%'"));
        Assert.Equal(1, await PgKit.ScalarAsync(db.ConnectionString, "SELECT count(*) FROM events"));
    }

    [SkippableFact]
    public async Task Append_RacingAppendsOfTheSameSequence_OneWinsTheOtherConflicts()
    {
        await using var db = await PgKit.DatabaseAsync();
        var nodes = Enumerable.Range(0, 6).Select(i => new PgNode(db.ConnectionString, $"n{i}")).ToList();
        try
        {
            await nodes[0].Store.RecoverAsync(PgKit.Initial(), CancellationToken.None);
            using var go = new ManualResetEventSlim();
            var attempts = nodes.Select((n, i) => Task.Run(async () =>
            {
                go.Wait();
                try
                {
                    await n.Store.AppendAsync([Queued($"race-{i}")], 1, CancellationToken.None);
                    return true;
                }
                catch (SequenceConflictException)
                {
                    return false;
                }
            })).ToList();
            go.Set();
            var won = await Task.WhenAll(attempts);

            Assert.Single(won, w => w);
            Assert.Equal(1, await PgKit.ScalarAsync(db.ConnectionString, "SELECT count(*) FROM events"));
            Assert.Equal(1, await PgKit.ScalarAsync(db.ConnectionString, "SELECT count(*) FROM announcement_deliveries"));
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    [SkippableFact]
    public async Task GroupCommit_ConcurrentCommands_ShareTransactions()
    {
        await using var db = await PgKit.DatabaseAsync();
        await using var node = new PgNode(db.ConnectionString);
        await using var bot = await TestBot.StartAsync(node.Store);
        const int commands = 400;

        var started = DateTime.UtcNow;
        var results = await Task.WhenAll(Enumerable.Range(0, commands).Select(i => Task.Run(() => bot.RunAsync($"incident open api minor \"Load {i}\""))));
        var elapsed = DateTime.UtcNow - started;
        // recorded_at is now(), the start time of the transaction: one value per append.
        var transactions = await PgKit.ScalarAsync(db.ConnectionString, "SELECT count(DISTINCT recorded_at) FROM events WHERE type = 'IncidentOpened'");

        output.WriteLine($"{commands} concurrent commands: {transactions} transactions, {elapsed.TotalMilliseconds:0} ms, {commands / elapsed.TotalSeconds:0} commands/s");
        Assert.All(results, r => Assert.Equal(CommandOutcome.Changed, r.Outcome));
        Assert.True(transactions < commands / 2, $"{commands} commands took {transactions} transactions");
        Assert.Equal(commands, bot.State.Incidents.Count);
    }

    [SkippableFact]
    public async Task WrongPassword_ClearErrorWithoutThePassword()
    {
        await using var db = await PgKit.DatabaseAsync();
        const string secret = "Sup3r-Secret-Pa55";
        var wrong = new NpgsqlConnectionStringBuilder(db.ConnectionString) { Password = secret }.ConnectionString;
        await using var node = new PgNode(wrong);

        var refused = await Assert.ThrowsAsync<StorageException>(() => node.Store.RecoverAsync(PgKit.Initial(), CancellationToken.None).AsTask());

        Assert.Contains("password authentication failed", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, refused.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, node.Status.LastError, StringComparison.Ordinal);
        Assert.False(node.Status.Connected);
        Assert.Contains("password authentication failed", node.Status.LastError, StringComparison.Ordinal);
    }

    private static AnnouncementQueued Queued(string id) => new(Actor.System, TestBot.Start, id, "slack:C1", "INC-1", 1);
}
