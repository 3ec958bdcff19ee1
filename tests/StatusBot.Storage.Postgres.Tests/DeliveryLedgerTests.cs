using Npgsql;
using StatusBot.Core.Announcing;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Testing;

namespace StatusBot.Storage.Postgres.Tests;

public sealed class DeliveryLedgerTests
{
    private static readonly OutboxEntry Entry = new("ann-1", "discord:123", "INC-1", 1, TestBot.Start);

    [SkippableFact]
    public async Task TwoClaimersOnOneRow_OneClaimsTheOtherIsHeldOff()
    {
        await using var db = await PgKit.DatabaseAsync();
        await using var a = new PgNode(db.ConnectionString, "A");
        await using var b = new PgNode(db.ConnectionString, "B");
        await QueueAsync(a);

        var claims = await Task.WhenAll(Task.Run(() => a.Ledger().ClaimAsync(Entry, CancellationToken.None).AsTask()),
            Task.Run(() => b.Ledger().ClaimAsync(Entry, CancellationToken.None).AsTask()));

        Assert.Single(claims, c => c.Status == DeliveryClaimStatus.Claimed);
        Assert.Single(claims, c => c.Status == DeliveryClaimStatus.HeldElsewhere);
        Assert.All(claims, c => Assert.False(c.AttemptedBefore));
        Assert.Equal(1, await PgKit.ScalarAsync(db.ConnectionString, "SELECT attempts FROM announcement_deliveries"));
    }

    [SkippableFact]
    public async Task RowLockedByAnotherClaimInProgress_SkippedAsHeldElsewhere()
    {
        await using var db = await PgKit.DatabaseAsync();
        await using var a = new PgNode(db.ConnectionString, "A");
        await QueueAsync(a);
        await using var holder = new NpgsqlConnection(db.ConnectionString);
        await holder.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM announcement_deliveries FOR UPDATE", holder, transaction))
        {
            await lockRow.ExecuteNonQueryAsync();
        }

        var claim = await a.Ledger().ClaimAsync(Entry, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        await transaction.RollbackAsync();
        var afterwards = await a.Ledger().ClaimAsync(Entry, CancellationToken.None);

        Assert.Equal(DeliveryClaimStatus.HeldElsewhere, claim.Status);
        Assert.Equal(DeliveryClaimStatus.Claimed, afterwards.Status);
    }

    [SkippableFact]
    public async Task ExpiredLease_TakenOverAndMarkedAttemptedBefore()
    {
        await using var db = await PgKit.DatabaseAsync();
        await using var a = new PgNode(db.ConnectionString, "A");
        await using var b = new PgNode(db.ConnectionString, "B");
        await QueueAsync(a);
        var first = await a.Ledger().ClaimAsync(Entry, CancellationToken.None);
        var whileHeld = await b.Ledger().ClaimAsync(Entry, CancellationToken.None);

        await PgKit.ExecuteAsync(db.ConnectionString, "UPDATE announcement_deliveries SET claimed_until = now() - interval '1 second'");
        var takeover = await b.Ledger().ClaimAsync(Entry, CancellationToken.None);

        Assert.Equal(DeliveryClaim.Free, first);
        Assert.Equal(DeliveryClaimStatus.HeldElsewhere, whileHeld.Status);
        Assert.Equal(new DeliveryClaim(DeliveryClaimStatus.Claimed, true), takeover);
        Assert.Equal(2, await PgKit.ScalarAsync(db.ConnectionString, "SELECT attempts FROM announcement_deliveries WHERE claimed_by = 'B'"));
    }

    [SkippableFact]
    public async Task DeliveredOrFailed_NothingToSend()
    {
        await using var db = await PgKit.DatabaseAsync();
        await using var a = new PgNode(db.ConnectionString, "A");
        await QueueAsync(a);
        var other = Entry with { AnnouncementId = "ann-2" };
        await a.Store.AppendAsync([new AnnouncementQueued(Actor.System, TestBot.Start, "ann-2", other.ChannelKey, "INC-1", 1)], 2, CancellationToken.None);
        var claimed = await a.Ledger().ClaimAsync(Entry, CancellationToken.None);
        await a.Ledger().RecordAsync(new DeliveryReceipt(Entry.AnnouncementId, Entry.ChannelKey, "INC-1", 1, TestBot.Start, "987654321", null), CancellationToken.None);
        await a.Ledger().RecordAsync(new DeliveryReceipt("ann-2", other.ChannelKey, "INC-1", 1, TestBot.Start, null, null, "Missing Access"), CancellationToken.None);

        var delivered = await a.Ledger().ClaimAsync(Entry, CancellationToken.None);
        var failed = await a.Ledger().ClaimAsync(other, CancellationToken.None);

        Assert.Equal(DeliveryClaimStatus.Claimed, claimed.Status);
        Assert.Equal(DeliveryClaimStatus.Delivered, delivered.Status);
        Assert.Equal(DeliveryClaimStatus.Delivered, failed.Status);
    }

    [SkippableFact]
    public async Task Record_ReadByAnotherInstance_GivesTheLastReceiptOfEachCard()
    {
        await using var db = await PgKit.DatabaseAsync();
        await using var a = new PgNode(db.ConnectionString, "A");
        await using var b = new PgNode(db.ConnectionString, "B");
        await QueueAsync(a);
        await a.Ledger().ClaimAsync(Entry, CancellationToken.None);
        await a.Ledger().RecordAsync(new DeliveryReceipt(Entry.AnnouncementId, Entry.ChannelKey, "INC-1", 1, TestBot.Start, "987654321", "987654321"), CancellationToken.None);
        await a.Ledger().RecordAsync(new DeliveryReceipt("ann-2", Entry.ChannelKey, "INC-1", 2, TestBot.Start, "987654321", "987654321"), CancellationToken.None);

        var book = await b.Ledger().ReadAsync(CancellationToken.None);

        var last = Assert.Single(book.Last.Values);
        Assert.Equal(("ann-2", 2, "987654321", "987654321"), (last.AnnouncementId, last.Version, last.MessageId, last.ThreadId));
        Assert.True(book.IsSettled("INC-1", Entry.ChannelKey, "ann-2"));
        Assert.Equal(0, await PgKit.ScalarAsync(db.ConnectionString, "SELECT count(*) FROM announcement_deliveries WHERE claimed_until IS NOT NULL"));
    }

    [SkippableFact]
    public async Task Migrate_RowsSettledByEarlierVersions_ReadAsTheLastReceipts()
    {
        // Earlier versions settled rows from the receipts in the events table: delivered_at and message_id, or failed_reason.
        await using var db = await PgKit.DatabaseAsync();
        await PgKit.ExecuteAsync(
            db.ConnectionString,
            "CREATE TABLE schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());" +
            PostgresSchema.Steps[0] + ";" + PostgresSchema.Steps[1] + ";INSERT INTO schema_version (version) VALUES (1), (2);" +
            """
            INSERT INTO announcement_deliveries (announcement_id, channel_key, subject, version, queued_at, delivered_at, message_id)
            VALUES ('INC-1/1', 'discord:1', 'INC-1', 1, now(), now(), '987654321');
            INSERT INTO announcement_deliveries (announcement_id, channel_key, subject, version, queued_at, failed_reason)
            VALUES ('INC-1/1', 'discord:2', 'INC-1', 1, now(), 'Missing Access');
            INSERT INTO announcement_deliveries (announcement_id, channel_key, subject, version, queued_at)
            VALUES ('INC-1/2', 'discord:1', 'INC-1', 2, now());
            """);
        await using var a = new PgNode(db.ConnectionString, "A");

        var book = await a.Ledger().ReadAsync(CancellationToken.None);

        Assert.Equal("987654321", book.Last["INC-1|discord:1"].MessageId);
        Assert.True(book.IsSettled("INC-1", "discord:1", "INC-1/1"));
        Assert.Equal("Missing Access", book.Last["INC-1|discord:2"].Error);
    }

    /// <summary>A new leader does not wait out the lease of a leader that died mid-send: the dead one's claims lapse at takeover.</summary>
    [SkippableFact]
    public async Task TakeOver_ForeignClaimLapses_ClaimedAsAttemptedBefore()
    {
        await using var db = await PgKit.DatabaseAsync();
        await using var dead = new PgNode(db.ConnectionString, "dead-leader");
        await using var next = new PgNode(db.ConnectionString, "next-leader");
        await QueueAsync(dead);
        Assert.Equal(DeliveryClaimStatus.Claimed, (await dead.Ledger().ClaimAsync(Entry, CancellationToken.None)).Status);
        var beforeTakeOver = await next.Ledger().ClaimAsync(Entry, CancellationToken.None);

        await next.Ledger().TakeOverAsync(CancellationToken.None);
        var afterTakeOver = await next.Ledger().ClaimAsync(Entry, CancellationToken.None);

        Assert.Equal(DeliveryClaimStatus.HeldElsewhere, beforeTakeOver.Status);
        Assert.Equal(new DeliveryClaim(DeliveryClaimStatus.Claimed, true), afterTakeOver);
        Assert.Equal(1, await PgKit.ScalarAsync(db.ConnectionString, "SELECT count(*) FROM announcement_deliveries WHERE claimed_by = 'next-leader'"));
    }

    [SkippableFact]
    public async Task TakeOver_OwnClaimUntouched()
    {
        await using var db = await PgKit.DatabaseAsync();
        await using var leader = new PgNode(db.ConnectionString, "leader");
        await QueueAsync(leader);
        await leader.Ledger().ClaimAsync(Entry, CancellationToken.None);
        const string leaseLeft = "SELECT extract(epoch FROM claimed_until - now())::bigint FROM announcement_deliveries";
        var before = await PgKit.ScalarAsync(db.ConnectionString, leaseLeft);

        await leader.Ledger().TakeOverAsync(CancellationToken.None);

        Assert.InRange(await PgKit.ScalarAsync(db.ConnectionString, leaseLeft), before - 5, before);
        Assert.True(before > 60, $"the lease should run for minutes, not {before} s");
    }

    [SkippableFact]
    public async Task RowMissing_QueuedBeforeThisStore_ClaimedAndRecorded()
    {
        await using var db = await PgKit.DatabaseAsync();
        await using var a = new PgNode(db.ConnectionString, "A");
        await using var b = new PgNode(db.ConnectionString, "B");

        var claim = await a.Ledger().ClaimAsync(Entry, CancellationToken.None);
        var second = await b.Ledger().ClaimAsync(Entry, CancellationToken.None);

        Assert.Equal(DeliveryClaim.Free, claim);
        Assert.Equal(DeliveryClaimStatus.HeldElsewhere, second.Status);
        Assert.Equal(1, await PgKit.ScalarAsync(db.ConnectionString, "SELECT count(*) FROM announcement_deliveries WHERE claimed_by = 'A' AND subject = 'INC-1'"));
    }

    private static async Task QueueAsync(PgNode node)
    {
        await node.Store.RecoverAsync(PgKit.Initial(), CancellationToken.None);
        await node.Store.AppendAsync(
            [new AnnouncementQueued(Actor.System, Entry.QueuedAt, Entry.AnnouncementId, Entry.ChannelKey, Entry.Subject, Entry.Version)],
            1,
            CancellationToken.None);
    }
}
