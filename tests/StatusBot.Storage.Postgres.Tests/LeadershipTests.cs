using StatusBot.Core.Board;

namespace StatusBot.Storage.Postgres.Tests;

public sealed class LeadershipTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task TwoInstances_ExactlyOneLeads_TerminatingItsSessionHandsTheLeadOver()
    {
        await using var db = await PgKit.DatabaseAsync();
        await using var nodeA = new PgNode(db.ConnectionString, "A");
        await using var nodeB = new PgNode(db.ConnectionString, "B");
        using var a = nodeA.Leadership();
        using var b = nodeB.Leadership();
        await a.StartAsync(CancellationToken.None);
        await b.StartAsync(CancellationToken.None);

        var first = await Task.WhenAny(a.AcquireAsync(CancellationToken.None), b.AcquireAsync(CancellationToken.None)).WaitAsync(TimeSpan.FromSeconds(10));
        var (leader, other) = a.IsLeader ? (a, b) : (b, a);
        var term = await first;
        await PgKit.WaitUntilAsync(() => other.BackendProcessId != 0, TimeSpan.FromSeconds(10), "the other instance is connected and competing");
        var bothLeading = a.IsLeader && b.IsLeader;
        var takeover = other.AcquireAsync(CancellationToken.None);

        var started = DateTime.UtcNow;
        await PgKit.ExecuteAsync(db.ConnectionString, $"SELECT pg_terminate_backend({leader.BackendProcessId})");
        var newTerm = await takeover.WaitAsync(TimeSpan.FromSeconds(10));
        var elapsed = DateTime.UtcNow - started;
        await PgKit.WaitUntilAsync(() => term.IsCancellationRequested, TimeSpan.FromSeconds(5), "the old leader's token is cancelled");

        output.WriteLine($"Takeover after pg_terminate_backend: {elapsed.TotalMilliseconds:0} ms");
        Assert.False(bothLeading);
        Assert.True(other.IsLeader);
        Assert.False(newTerm.IsCancellationRequested);
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"takeover took {elapsed.TotalSeconds:0.0} s");
        await PgKit.WaitUntilAsync(() => leader.BackendProcessId != 0, TimeSpan.FromSeconds(10), "the old leader reconnects to compete again");
        Assert.False(leader.IsLeader);
        await a.StopAsync(CancellationToken.None);
        await b.StopAsync(CancellationToken.None);
    }

    [SkippableFact]
    public async Task LeaderStops_TheOtherTakesOverAndWorkRunsOnlyOnTheLeader()
    {
        await using var db = await PgKit.DatabaseAsync();
        await using var nodeA = new PgNode(db.ConnectionString, "A");
        await using var nodeB = new PgNode(db.ConnectionString, "B");
        using var a = nodeA.Leadership();
        using var b = nodeB.Leadership();
        using var stopping = new CancellationTokenSource();
        var running = 0;
        var maxRunning = 0;
        var runs = new List<string>();
        Task Work(string name, CancellationToken leading)
        {
            lock (runs)
            {
                runs.Add(name);
                maxRunning = Math.Max(maxRunning, ++running);
            }

            // Runs inside the cancellation, before the lock can pass to the other instance.
            leading.Register(() =>
            {
                lock (runs)
                {
                    running--;
                }
            });
            return Task.Delay(Timeout.Infinite, leading);
        }

        await a.StartAsync(CancellationToken.None);
        await a.AcquireAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await b.StartAsync(CancellationToken.None);
        var workA = a.RunWhileLeaderAsync(t => Work("A", t), stopping.Token);
        var workB = b.RunWhileLeaderAsync(t => Work("B", t), stopping.Token);
        await PgKit.WaitUntilAsync(() => b.BackendProcessId != 0, TimeSpan.FromSeconds(10), "B competes");

        await a.StopAsync(CancellationToken.None);
        await b.AcquireAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await PgKit.WaitUntilAsync(() => { lock (runs) { return runs.Count == 2; } }, TimeSpan.FromSeconds(5), "B's work starts");
        stopping.Cancel();
        await Task.WhenAll(workA, workB);
        await b.StopAsync(CancellationToken.None);

        Assert.Equal(["A", "B"], runs);
        Assert.Equal(1, maxRunning);
        Assert.False(a.IsLeader);
    }
}
