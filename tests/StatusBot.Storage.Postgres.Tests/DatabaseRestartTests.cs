using StatusBot.Core.Commands;
using StatusBot.Core.State;
using StatusBot.Testing;
using StatusBot.Testing.Postgres;

namespace StatusBot.Storage.Postgres.Tests;

/// <summary>
/// The database restarted while two instances write, cleanly (<c>-m fast</c>) or as if it crashed (<c>-m immediate</c>):
/// nothing acknowledged is lost, and both instances end on the state of the events table.
/// </summary>
public sealed class DatabaseRestartTests(ITestOutputHelper output)
{
    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RestartUnderLoad_EveryAcknowledgedUpdateIsKeptAndTheFollowerReconnects(bool immediate)
    {
        Skip.IfNot(PostgresServer.CanStartPrivate, "Restarting needs a private PostgreSQL cluster: install Debian's postgresql package (.ci/run does).");
        await using var server = await PostgresServer.StartPrivateAsync();
        await using var db = await server.CreateDatabaseAsync();
        await using var pair = await TwoInstances.StartAsync(db.ConnectionString);
        var (a, b, nodeB, follower) = (pair.A, pair.B, pair.NodeB, pair.Follower);

        var acknowledged = new List<string>();
        var refused = 0;
        using var stop = new CancellationTokenSource();
        async Task WriteAsync(TestBot bot, string name)
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var title = $"{name} load {i}";
                var result = await bot.RunAsync($"incident open streaming minor \"{title}\"");
                if (result.Outcome == CommandOutcome.Changed)
                {
                    lock (acknowledged)
                    {
                        acknowledged.Add(title);
                    }
                }
                else
                {
                    Interlocked.Increment(ref refused);
                    await Task.Delay(50);
                }
            }
        }

        int Acknowledged()
        {
            lock (acknowledged)
            {
                return acknowledged.Count;
            }
        }

        var writers = new[] { Task.Run(() => WriteAsync(a, "A")), Task.Run(() => WriteAsync(b, "B")) };
        await PgKit.WaitUntilAsync(() => Acknowledged() >= 20, TimeSpan.FromSeconds(30), "writes before the restart");
        await server.RestartAsync(immediate);
        var afterRestart = Acknowledged();
        await PgKit.WaitUntilAsync(() => Acknowledged() >= afterRestart + 20, TimeSpan.FromSeconds(30), "writes after the restart");
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        await using var reader = new PgNode(db.ConnectionString, "reader");
        var folded = StateReducer.ApplyAll(PgKit.Initial(), await reader.AllEventsAsync());
        var stored = folded.Incidents.Values.Select(i => i.Title).ToHashSet();
        await PgKit.WaitUntilAsync(() => follower.Connections >= 2, TimeSpan.FromSeconds(10), "the follower reconnects");
        await a.Board.CatchUpAsync(CancellationToken.None);
        await PgKit.WaitUntilAsync(() => b.State.Sequence == folded.Sequence, TimeSpan.FromSeconds(5), "B follows the head after the restart");

        output.WriteLine($"restart ({(immediate ? "immediate" : "fast")}): {acknowledged.Count} acknowledged, {refused} refused, {stored.Count} stored");
        Assert.All(acknowledged, title => Assert.Contains(title, stored));
        Assert.Equal(PgKit.Fingerprint(folded), PgKit.Fingerprint(a.State));
        Assert.Equal(PgKit.Fingerprint(folded), PgKit.Fingerprint(b.State));
        Assert.True(nodeB.Status.Connected);
    }
}
