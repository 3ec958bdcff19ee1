using StatusBot.Core.Announcing;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Testing;

namespace StatusBot.Storage.Postgres.Tests;

/// <summary>A new leader does not wait out the lease of a leader that died mid-send: the dead one's claims lapse at takeover.</summary>
public sealed class DeliveryTakeOverTests
{
    private static readonly OutboxEntry Entry = new("ann-9", "discord:777", "INC-9", 1, TestBot.Start);

    [SkippableFact]
    public async Task TakeOver_ForeignClaimLapses_ClaimedAsAttemptedBefore()
    {
        await using var db = await PgKit.DatabaseAsync();
        await using var dead = new PgNode(db.ConnectionString, "dead-leader");
        await using var next = new PgNode(db.ConnectionString, "next-leader");
        await dead.Store.RecoverAsync(PgKit.Initial(), CancellationToken.None);
        await dead.Store.AppendAsync([new AnnouncementQueued(Actor.System, Entry.QueuedAt, Entry.AnnouncementId, Entry.ChannelKey, Entry.Subject, Entry.Version)], 1, CancellationToken.None);
        Assert.Equal(DeliveryClaimStatus.Claimed, (await dead.Ledger().ClaimAsync(Entry, CancellationToken.None)).Status);
        var beforeTakeOver = await next.Ledger().ClaimAsync(Entry, CancellationToken.None);

        await next.Ledger().TakeOverAsync(CancellationToken.None);
        var afterTakeOver = await next.Ledger().ClaimAsync(Entry, CancellationToken.None);

        Assert.Equal(DeliveryClaimStatus.HeldElsewhere, beforeTakeOver.Status);
        Assert.Equal(DeliveryClaimStatus.Claimed, afterTakeOver.Status);
        Assert.True(afterTakeOver.AttemptedBefore);
        Assert.Equal("next-leader", await TextAsync(db.ConnectionString, "SELECT claimed_by FROM announcement_deliveries"));
    }

    [SkippableFact]
    public async Task TakeOver_DeliveredRowsAndOwnClaimsUntouched()
    {
        await using var db = await PgKit.DatabaseAsync();
        await using var node = new PgNode(db.ConnectionString, "leader");
        await node.Store.RecoverAsync(PgKit.Initial(), CancellationToken.None);
        await node.Store.AppendAsync([new AnnouncementQueued(Actor.System, Entry.QueuedAt, Entry.AnnouncementId, Entry.ChannelKey, Entry.Subject, Entry.Version)], 1, CancellationToken.None);
        await node.Ledger().ClaimAsync(Entry, CancellationToken.None);
        var leaseBefore = await TextAsync(db.ConnectionString, "SELECT claimed_until::text FROM announcement_deliveries");

        await node.Ledger().TakeOverAsync(CancellationToken.None);

        Assert.Equal(leaseBefore, await TextAsync(db.ConnectionString, "SELECT claimed_until::text FROM announcement_deliveries"));
    }

    private static async Task<string?> TextAsync(string connectionString, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return (string?)await command.ExecuteScalarAsync();
    }
}
