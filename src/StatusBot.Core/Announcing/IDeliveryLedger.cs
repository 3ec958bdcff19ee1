namespace StatusBot.Core.Announcing;

/// <summary>
/// Where the announcer keeps how each delivery ended, apart from the board's journal: the outbox entries come from the
/// board (<see cref="State.AnnouncementState.Outbox"/>, queued and made durable before anything is sent), and the ledger
/// says which of them are settled and what each channel's card holds (<see cref="DeliveryBook"/>). It also claims an entry
/// before it is sent, so two instances never send the same one at once. The file store keeps an append-only file beside
/// its journal; PostgreSQL keeps the rows of <c>announcement_deliveries</c>, with a lease taken with
/// <c>FOR UPDATE SKIP LOCKED</c>.
/// </summary>
public interface IDeliveryLedger
{
    /// <summary>What was delivered or given up so far, per subject and channel.</summary>
    ValueTask<DeliveryBook> ReadAsync(CancellationToken cancellationToken);

    ValueTask<DeliveryClaim> ClaimAsync(OutboxEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// Records how a delivery ended; completes once it is durable. Until then the entry stays pending, and after a crash it
    /// is sent again as possibly posted (the send looks for its earlier post, or the platform's idempotency answers it).
    /// </summary>
    ValueTask RecordAsync(DeliveryReceipt receipt, CancellationToken cancellationToken);

    /// <summary>
    /// This instance has just become the one that sends: the claims other instances hold on unfinished deliveries lapse now
    /// (their holder lost the lead and stopped sending), instead of when their lease runs out. Each such delivery is then
    /// claimed as attempted before, so the send looks for its earlier post first.
    /// </summary>
    ValueTask TakeOverAsync(CancellationToken cancellationToken);
}

public enum DeliveryClaimStatus
{
    /// <summary>This instance may send it now.</summary>
    Claimed,

    /// <summary>Another instance holds an unexpired claim: leave it.</summary>
    HeldElsewhere,

    /// <summary>Already delivered (after this pass read the ledger): nothing to send.</summary>
    Delivered,
}

/// <param name="Status">Whether to send.</param>
/// <param name="AttemptedBefore">
/// An earlier claim on the same entry lapsed without a receipt: that attempt may have posted, so the send must look for its
/// own earlier post (Slack metadata) or rely on the platform's idempotency (Discord nonce).
/// </param>
public readonly record struct DeliveryClaim(DeliveryClaimStatus Status, bool AttemptedBefore)
{
    public static DeliveryClaim Free { get; } = new(DeliveryClaimStatus.Claimed, false);
}

/// <summary>One process, nothing kept across a restart: every entry is this process's to send. For tests and tools.</summary>
public sealed class LocalDeliveryLedger : IDeliveryLedger
{
    private DeliveryBook _book = DeliveryBook.Empty;

    public DeliveryBook Book => Volatile.Read(ref _book);

    public ValueTask<DeliveryBook> ReadAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Book);

    public ValueTask<DeliveryClaim> ClaimAsync(OutboxEntry entry, CancellationToken cancellationToken) => ValueTask.FromResult(DeliveryClaim.Free);

    public ValueTask RecordAsync(DeliveryReceipt receipt, CancellationToken cancellationToken)
    {
        DeliveryBook before, after;
        do
        {
            before = Book;
            after = before.With(receipt);
        }
        while (Interlocked.CompareExchange(ref _book, after, before) != before);

        return ValueTask.CompletedTask;
    }

    public ValueTask TakeOverAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
