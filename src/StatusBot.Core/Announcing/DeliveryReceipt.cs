namespace StatusBot.Core.Announcing;

/// <summary>
/// How one outbox entry ended: delivered (<see cref="Error"/> null), or given up for good (rejected, or its channel is
/// no longer subscribed). It carries the card as it stands after this delivery: the message to edit and the thread to reply
/// in (kept from the card before when this delivery was an edit and a reply), and the version announced so far.
/// </summary>
public sealed record DeliveryReceipt(
    string AnnouncementId,
    string ChannelKey,
    string Subject,
    int Version,
    DateTimeOffset At,
    string? MessageId,
    string? ThreadId,
    string? Error = null)
{
    public bool Delivered => Error is null;

    public string Key => OutboxKeys.Of(Subject, ChannelKey);

    public PostedCard Card => new(Subject, ChannelKey, MessageId, ThreadId, Version);
}
