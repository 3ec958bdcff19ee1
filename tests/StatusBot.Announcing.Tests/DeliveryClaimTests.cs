using StatusBot.Core.Announcing;
using StatusBot.Testing.Announcing;

namespace StatusBot.Announcing.Tests;

/// <summary>
/// The announcer asks the delivery ledger before each send: with several instances on one database, an entry another
/// instance is sending is left alone, one already delivered is not sent again, and one whose earlier claim lapsed is sent
/// as "may have been sent" so the publisher looks for its earlier post.
/// </summary>
public sealed class DeliveryClaimTests
{
    private const string OpenStreaming = "incident open streaming major \"Streaming fails\"";

    [Fact]
    public async Task HeldElsewhere_NothingSentAndTheEntryStaysPending()
    {
        var ledger = new ScriptedLedger(new DeliveryClaim(DeliveryClaimStatus.HeldElsewhere, false));
        await using var kit = await AnnounceKit.StartAsync(ledger: ledger);
        await kit.SubscribeAsync("C1");
        await kit.RunAsync(OpenStreaming);

        await kit.PassAsync();

        Assert.Empty(kit.Discord.Calls);
        Assert.Single(await kit.PendingAsync());
        Assert.Equal(["INC-1/1"], ledger.Asked);
    }

    [Fact]
    public async Task LedgerUnreadable_PassReportsTheStoreUnavailable_NothingSent()
    {
        var ledger = new ScriptedLedger(DeliveryClaim.Free) { ReadFails = true };
        await using var kit = await AnnounceKit.StartAsync(ledger: ledger);
        await kit.SubscribeAsync("C1");
        await kit.RunAsync(OpenStreaming);

        var ex = await Assert.ThrowsAsync<Core.Board.StoreUnavailableException>(kit.PassAsync);

        Assert.Contains("database unreachable", ex.Message, StringComparison.Ordinal);
        Assert.Empty(kit.Discord.Calls);
    }

    [Fact]
    public async Task AlreadyDelivered_NotSentAgain()
    {
        var ledger = new ScriptedLedger(new DeliveryClaim(DeliveryClaimStatus.Delivered, false));
        await using var kit = await AnnounceKit.StartAsync(ledger: ledger);
        await kit.SubscribeAsync("C1");
        await kit.RunAsync(OpenStreaming);

        await kit.PassAsync();

        Assert.Empty(kit.Discord.Calls);
    }

    [Fact]
    public async Task ClaimLapsedBefore_SentAsMayHaveBeenSent()
    {
        var ledger = new ScriptedLedger(new DeliveryClaim(DeliveryClaimStatus.Claimed, true));
        await using var kit = await AnnounceKit.StartAsync(ledger: ledger);
        await kit.SubscribeAsync("C1");
        await kit.RunAsync(OpenStreaming);

        await kit.PassAsync();

        var post = Assert.Single(kit.Discord.Delivered(PublishCallKind.Post));
        Assert.True(post.MayHaveBeenSent);
        Assert.Empty(await kit.PendingAsync());
    }

    [Fact]
    public async Task FreeClaim_SentPlainly()
    {
        var ledger = new ScriptedLedger(DeliveryClaim.Free);
        await using var kit = await AnnounceKit.StartAsync(ledger: ledger);
        await kit.SubscribeAsync("C1");
        await kit.RunAsync(OpenStreaming);

        await kit.PassAsync();

        var post = Assert.Single(kit.Discord.Delivered(PublishCallKind.Post));
        Assert.False(post.MayHaveBeenSent);
    }

    [Fact]
    public async Task TakeOver_HeldEntryTriedAgainAtOnceAfterTheLedgerReleasedClaims()
    {
        var ledger = new ScriptedLedger(new DeliveryClaim(DeliveryClaimStatus.HeldElsewhere, false));
        await using var kit = await AnnounceKit.StartAsync(ledger: ledger);
        await kit.SubscribeAsync("C1");
        await kit.RunAsync(OpenStreaming);
        await kit.PassAsync();

        // Held off, the entry waits its backoff; taking over releases the claims and forgets that wait.
        await kit.Announcer.TakeOverAsync(CancellationToken.None);
        await kit.PassAsync();

        Assert.Equal(1, ledger.TakeOvers);
        Assert.Equal(["INC-1/1", "INC-1/1"], ledger.Asked);
    }

    [Fact]
    public async Task TakeOver_LedgerUnreachable_AnnouncerStillSendsWhatItMay()
    {
        var ledger = new ScriptedLedger(DeliveryClaim.Free) { TakeOverFails = true };
        await using var kit = await AnnounceKit.StartAsync(ledger: ledger);
        await kit.SubscribeAsync("C1");
        await kit.RunAsync(OpenStreaming);

        await kit.Announcer.TakeOverAsync(CancellationToken.None);
        await kit.PassAsync();

        Assert.Single(kit.Discord.Delivered(PublishCallKind.Post));
    }

    private sealed class ScriptedLedger(DeliveryClaim answer) : IDeliveryLedger
    {
        private readonly LocalDeliveryLedger _receipts = new();

        public List<string> Asked { get; } = [];

        public bool ReadFails { get; init; }

        public ValueTask<DeliveryBook> ReadAsync(CancellationToken cancellationToken) =>
            ReadFails ? ValueTask.FromException<DeliveryBook>(new IOException("database unreachable")) : _receipts.ReadAsync(cancellationToken);

        public ValueTask RecordAsync(DeliveryReceipt receipt, CancellationToken cancellationToken) => _receipts.RecordAsync(receipt, cancellationToken);

        public int TakeOvers { get; private set; }

        public bool TakeOverFails { get; init; }

        public ValueTask TakeOverAsync(CancellationToken cancellationToken)
        {
            TakeOvers++;
            return TakeOverFails ? ValueTask.FromException(new IOException("database unreachable")) : ValueTask.CompletedTask;
        }

        public ValueTask<DeliveryClaim> ClaimAsync(OutboxEntry entry, CancellationToken cancellationToken)
        {
            lock (Asked)
            {
                Asked.Add(entry.AnnouncementId);
            }

            return ValueTask.FromResult(answer);
        }
    }
}
