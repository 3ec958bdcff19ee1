using StatusBot.Core.Commands;
using StatusBot.Core.State;

namespace StatusBot.Storage.Postgres.Tests;

/// <summary>Two boards on two stores on one database, as two instances: one history, both states equal to its fold.</summary>
public sealed class TwoInstancesTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task ConcurrentOpensOnBothInstances_UniqueIdsNoLostUpdateOneHistory()
    {
        await using var db = await PgKit.DatabaseAsync();
        await using var pair = await TwoInstances.StartAsync(db.ConnectionString);
        var (a, b) = (pair.A, pair.B);
        const int each = 20;

        var results = await Task.WhenAll(Enumerable.Range(0, each).SelectMany(i => new[]
        {
            Task.Run(() => a.RunAsync($"incident open streaming major \"A fails {i}\"")),
            Task.Run(() => b.RunAsync($"incident open website minor \"B fails {i}\"")),
        }));
        var updates = await Task.WhenAll(Enumerable.Range(1, 10).Select(n =>
            Task.Run(() => (n % 2 == 0 ? a : b).RunAsync($"incident update INC-{n} identified Cause {n} found"))));
        await a.Board.CatchUpAsync(CancellationToken.None);
        await b.Board.CatchUpAsync(CancellationToken.None);
        var folded = StateReducer.ApplyAll(PgKit.Initial(), await pair.NodeA.AllEventsAsync());

        Assert.All(results.Concat(updates), r => Assert.Equal(CommandOutcome.Changed, r.Outcome));
        Assert.Equal(2 * each, folded.Incidents.Count);
        Assert.Equal(2 * each, folded.Incidents.Values.Select(i => i.Title).Distinct().Count());
        Assert.All(Enumerable.Range(1, 10), n => Assert.Equal($"Cause {n} found", folded.Incidents[$"INC-{n}"].Timeline[^1].Message));
        Assert.Equal(PgKit.Fingerprint(folded), PgKit.Fingerprint(a.State));
        Assert.Equal(PgKit.Fingerprint(folded), PgKit.Fingerprint(b.State));
    }

    [SkippableFact]
    public async Task UpdateThroughA_AppliedOnBByItsFollowerWithinOneSecond()
    {
        await using var db = await PgKit.DatabaseAsync();
        await using var pair = await TwoInstances.StartAsync(db.ConnectionString);
        var (a, b, nodeB) = (pair.A, pair.B, pair.NodeB);

        var latencies = new List<TimeSpan>();
        for (var i = 1; i <= 5; i++)
        {
            var started = DateTime.UtcNow;
            await a.RunAsync($"incident open streaming major \"Outage {i}\"");
            var id = $"INC-{i}";
            await PgKit.WaitUntilAsync(() => b.State.Incidents.ContainsKey(id), TimeSpan.FromSeconds(1), $"{id} opened on A is seen on B");
            latencies.Add(DateTime.UtcNow - started);
        }

        Assert.Equal(a.State.Sequence, b.State.Sequence);
        Assert.Equal(a.State.Sequence, nodeB.Status.HeadSequence);
        Assert.True(nodeB.Status.Connected);
        output.WriteLine($"A commit to B applied, ms: {string.Join(", ", latencies.Select(l => l.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))}");
        Assert.All(latencies, l => Assert.True(l < TimeSpan.FromSeconds(1), $"took {l.TotalMilliseconds} ms"));
    }

    [SkippableFact]
    public async Task MissedNotification_ThePollStillCatchesUp()
    {
        await using var db = await PgKit.DatabaseAsync();
        await using var pair = await TwoInstances.StartAsync(db.ConnectionString);
        var (a, b, nodeB) = (pair.A, pair.B, pair.NodeB);

        await a.RunAsync("service set billing degraded Slow invoices");
        var head = a.State.Sequence;
        await PgKit.WaitUntilAsync(() => b.State.Sequence == head, TimeSpan.FromSeconds(5), "B follows A");

        // The same change once more, written without NOTIFY, as if the notification was lost.
        await PgKit.ExecuteAsync(db.ConnectionString,
            $"INSERT INTO events (seq, type, format, payload) SELECT {head + 1}, type, format, payload FROM events WHERE seq = {head}");
        await PgKit.WaitUntilAsync(() => b.State.Sequence == head + 1, TimeSpan.FromSeconds(5), "the poll applies the silent event");

        Assert.Equal(head + 1, nodeB.Status.HeadSequence);
    }
}
