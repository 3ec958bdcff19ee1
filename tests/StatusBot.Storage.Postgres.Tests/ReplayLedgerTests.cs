using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace StatusBot.Storage.Postgres.Tests;

public sealed class ReplayLedgerTests
{
    [SkippableFact]
    public async Task TryClaim_SixteenCopiesAcrossTwoInstances_ExactlyOneClaims()
    {
        await using var db = await PgKit.DatabaseAsync();
        await using var a = new PgNode(db.ConnectionString, "A");
        await using var b = new PgNode(db.ConnectionString, "B");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var ledgers = new[] { Ledger(a, time), Ledger(b, time) };
        var until = time.GetUtcNow().AddMinutes(6);

        var claims = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () => await ledgers[i % 2].TryClaimAsync("slack:request:abc", until, CancellationToken.None))));

        Assert.Single(claims, c => c);
        Assert.False(await ledgers[0].TryClaimAsync("slack:request:abc", until, CancellationToken.None));
        Assert.False(await ledgers[1].TryClaimAsync("slack:request:abc", until, CancellationToken.None));
        Assert.True(await ledgers[1].TryClaimAsync("slack:request:other", until, CancellationToken.None));
    }

    [SkippableFact]
    public async Task TryClaim_AfterTheClaimExpired_AnotherInstanceClaimsAgainAndOldRowsAreSwept()
    {
        await using var db = await PgKit.DatabaseAsync();
        await using var a = new PgNode(db.ConnectionString, "A");
        await using var b = new PgNode(db.ConnectionString, "B");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        Assert.True(await Ledger(a, time).TryClaimAsync("slack:request:old", time.GetUtcNow().AddMinutes(6), CancellationToken.None));
        Assert.True(await Ledger(a, time).TryClaimAsync("slack:request:gone", time.GetUtcNow().AddMinutes(6), CancellationToken.None));

        time.Advance(TimeSpan.FromMinutes(7));
        var claimed = await Ledger(b, time).TryClaimAsync("slack:request:old", time.GetUtcNow().AddMinutes(6), CancellationToken.None);

        Assert.True(claimed);
        Assert.Equal(1, await PgKit.ScalarAsync(db.ConnectionString, "SELECT count(*) FROM replay_claims"));
    }

    private static PostgresReplayLedger Ledger(PgNode node, TimeProvider time) =>
        new(node.DataSource, node.Schema, time, NullLogger<PostgresReplayLedger>.Instance);
}
