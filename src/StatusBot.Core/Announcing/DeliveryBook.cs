using System.Collections.Immutable;
using StatusBot.Core.State;

namespace StatusBot.Core.Announcing;

/// <summary>
/// What the delivery ledger knows, per subject and channel: the last receipt recorded (<see cref="DeliveryReceipt"/>).
/// Read together with the board's <see cref="AnnouncementState"/>: an outbox entry is pending until the last receipt of
/// its subject and channel is its own, and the card is the receipt's, completed by a card the board still holds from
/// journals written before receipts left it.
/// </summary>
public sealed record DeliveryBook(ImmutableDictionary<string, DeliveryReceipt> Last)
{
    public static DeliveryBook Empty { get; } = new(ImmutableDictionary<string, DeliveryReceipt>.Empty.WithComparers(StringComparer.Ordinal));

    /// <summary>The book with <paramref name="receipt"/> as the last word on its subject and channel.</summary>
    public DeliveryBook With(DeliveryReceipt receipt) => new(Last.SetItem(receipt.Key, receipt));

    /// <summary>True once <paramref name="announcementId"/> was delivered or given up in <paramref name="channelKey"/>.</summary>
    public bool IsSettled(string subject, string channelKey, string announcementId) =>
        Last.TryGetValue(OutboxKeys.Of(subject, channelKey), out var last) && last.AnnouncementId == announcementId;

    public bool IsSettled(OutboxEntry entry) => IsSettled(entry.Subject, entry.ChannelKey, entry.AnnouncementId);

    /// <summary>The outbox entries not settled yet.</summary>
    public IEnumerable<OutboxEntry> Pending(AnnouncementState state) => state.Outbox.Values.Where(e => !IsSettled(e));

    public OutboxEntry? PendingOf(AnnouncementState state, string subject, string channelKey) =>
        state.PendingOf(subject, channelKey) is { } entry && !IsSettled(entry) ? entry : null;

    /// <summary>The card of <paramref name="subject"/> in <paramref name="channelKey"/>, or null when nothing reached it.</summary>
    public PostedCard? CardOf(AnnouncementState state, string subject, string channelKey)
    {
        var before = state.CardOf(subject, channelKey);
        if (!Last.TryGetValue(OutboxKeys.Of(subject, channelKey), out var last))
        {
            return before;
        }

        var card = last.Card;
        return before is null
            ? card
            : card with { MessageId = card.MessageId ?? before.MessageId, ThreadId = card.ThreadId ?? before.ThreadId, Version = Math.Max(card.Version, before.Version) };
    }

    /// <summary>Every card, from the ledger and from the board.</summary>
    public IEnumerable<PostedCard> Cards(AnnouncementState state) =>
        Last.Values.Select(r => (r.Subject, r.ChannelKey))
            .Concat(state.Cards.Values.Select(c => (c.Subject, c.ChannelKey)))
            .Distinct()
            .Select(k => CardOf(state, k.Subject, k.ChannelKey))
            .OfType<PostedCard>();
}
