namespace StatusBot.Core.Announcing;

/// <summary>
/// Claims an outbox entry before it is sent, so two instances never send the same one at once: with PostgreSQL, a lease on
/// the entry's delivery row taken with <c>FOR UPDATE SKIP LOCKED</c>. The single-process store needs no claim.
/// </summary>
public interface IDeliveryLedger
{
    ValueTask<DeliveryClaim> ClaimAsync(OutboxEntry entry, CancellationToken cancellationToken);

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

    /// <summary>Already delivered (this instance has not applied the receipt yet): nothing to send.</summary>
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

/// <summary>One process: every entry is this process's to send.</summary>
public sealed class LocalDeliveryLedger : IDeliveryLedger
{
    public ValueTask<DeliveryClaim> ClaimAsync(OutboxEntry entry, CancellationToken cancellationToken) => ValueTask.FromResult(DeliveryClaim.Free);

    public ValueTask TakeOverAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
