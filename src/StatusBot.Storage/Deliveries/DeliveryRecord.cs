using StatusBot.Core.Announcing;

namespace StatusBot.Storage.Deliveries;

/// <summary>One receipt as written in the delivery ledger's file: schema version first, then the receipt.</summary>
internal sealed record DeliveryRecord(
    int V,
    string Id,
    string Channel,
    string Subject,
    int Version,
    DateTimeOffset At,
    string? Message = null,
    string? Thread = null,
    string? Error = null)
{
    public static DeliveryRecord Of(int v, DeliveryReceipt r) => new(v, r.AnnouncementId, r.ChannelKey, r.Subject, r.Version, r.At, r.MessageId, r.ThreadId, r.Error);

    public DeliveryReceipt ToReceipt() => new(Id, Channel, Subject, Version, At, Message, Thread, Error);
}
