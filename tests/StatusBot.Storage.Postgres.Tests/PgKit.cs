using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using StatusBot.Core.Board;
using StatusBot.Core.Events;
using StatusBot.Core.State;
using StatusBot.Storage.Snapshots;
using StatusBot.Testing;
using StatusBot.Testing.Postgres;

namespace StatusBot.Storage.Postgres.Tests;

/// <summary>Builders shared by the PostgreSQL tests: a database per test, instances on it, waits with a deadline.</summary>
internal static class PgKit
{
    /// <summary>Fast checks, so takeover and reconnect tests finish quickly; the logic is the production one.</summary>
    public static readonly PostgresTimings Quick = new()
    {
        FollowerPoll = TimeSpan.FromMilliseconds(200),
        LeadershipCheck = TimeSpan.FromMilliseconds(200),
        LeadershipCheckTimeout = TimeSpan.FromSeconds(2),
        ReconnectDelay = TimeSpan.FromMilliseconds(100),
        MaxReconnectDelay = TimeSpan.FromSeconds(1),
    };

    /// <summary>A fresh database on the shared test server; the test skips, saying why, when there is none.</summary>
    public static async Task<TestDatabase> DatabaseAsync()
    {
        var server = await PostgresServer.SharedAsync();
        Skip.If(server is null, PostgresServer.UnavailableReason);
        return await server!.CreateDatabaseAsync();
    }

    public static BoardState Initial() => BoardState.Create(DemoCatalog.Services, DemoCatalog.Upstreams);

    /// <summary>The state as a snapshot would write it: equal text means equal states.</summary>
    public static string Fingerprint(BoardState state) => System.Text.Encoding.UTF8.GetString(SnapshotCodec.Encode(state, TestBot.Start));

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="deadline"/> passes (then fails, naming it).</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan deadline, string what)
    {
        var until = DateTime.UtcNow + deadline;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, $"Not within {deadline.TotalSeconds} s: {what}");
            await Task.Delay(20);
        }
    }

    public static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>One instance's store side: its data source, schema, status and event store on a test database.</summary>
internal sealed class PgNode : IAsyncDisposable
{
    public PgNode(string connectionString, string instanceId = "A", PostgresTimings? timings = null)
    {
        DataSource = PostgresConnections.CreateDataSource(connectionString);
        Schema = new PostgresSchema(DataSource, NullLogger<PostgresSchema>.Instance);
        Status = new PostgresStoreStatus(instanceId);
        Timings = timings ?? PgKit.Quick;
        Store = new PostgresEventStore(DataSource, Schema, Status, NullLogger<PostgresEventStore>.Instance);
    }

    public NpgsqlDataSource DataSource { get; }

    public PostgresSchema Schema { get; }

    public PostgresStoreStatus Status { get; }

    public PostgresTimings Timings { get; }

    public PostgresEventStore Store { get; }

    public PostgresLeadership Leadership() => new(DataSource, Status, Timings, NullLogger<PostgresLeadership>.Instance);

    public PostgresDeliveryLedger Ledger() => new(DataSource, Schema, Status, Timings, Microsoft.Extensions.Logging.Abstractions.NullLogger<PostgresDeliveryLedger>.Instance);

    public EventFollower Follower(StatusBoard board) => new(DataSource, Schema, board, Status, Timings, NullLogger<EventFollower>.Instance);

    /// <summary>Every event in the table, in order.</summary>
    public async Task<IReadOnlyList<BoardEvent>> AllEventsAsync() => await Store.ReadAfterAsync(0, int.MaxValue, CancellationToken.None);

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}

/// <summary>Two instances on one database: A and B, each a board on its own store, B following the table.</summary>
internal sealed class TwoInstances : IAsyncDisposable
{
    private TwoInstances(PgNode nodeA, PgNode nodeB, TestBot a, TestBot b, EventFollower follower)
    {
        (NodeA, NodeB, A, B, Follower) = (nodeA, nodeB, a, b, follower);
    }

    public PgNode NodeA { get; }

    public PgNode NodeB { get; }

    public TestBot A { get; }

    public TestBot B { get; }

    /// <summary>B's follower, started and listening.</summary>
    public EventFollower Follower { get; }

    public static async Task<TwoInstances> StartAsync(string connectionString)
    {
        var nodeA = new PgNode(connectionString, "A");
        var nodeB = new PgNode(connectionString, "B");
        var a = await TestBot.StartAsync(nodeA.Store);
        var b = await TestBot.StartAsync(nodeB.Store);
        var follower = nodeB.Follower(b.Board);
        await follower.StartAsync(CancellationToken.None);
        await PgKit.WaitUntilAsync(() => follower.Connections == 1, TimeSpan.FromSeconds(10), "the follower listens");
        return new TwoInstances(nodeA, nodeB, a, b, follower);
    }

    public async ValueTask DisposeAsync()
    {
        await Follower.StopAsync(CancellationToken.None);
        Follower.Dispose();
        await A.DisposeAsync();
        await B.DisposeAsync();
        await NodeA.DisposeAsync();
        await NodeB.DisposeAsync();
    }
}
