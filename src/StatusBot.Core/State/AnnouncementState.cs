using System.Collections.Immutable;
using StatusBot.Core.Announcing;
using StatusBot.Core.Domain;

namespace StatusBot.Core.State;

/// <summary>
/// The automatic half of the board: subscribed channels, maintenance windows, what upstreams last reported, the outbox of
/// announcements not yet delivered, the status card posted for each subject in each channel, and the last crowd surge of
/// each service.
/// </summary>
public sealed record AnnouncementState(
    ImmutableDictionary<string, ChannelSubscription> Channels,
    ImmutableDictionary<string, Maintenance> Maintenances,
    long NextMaintenanceNumber,
    ImmutableDictionary<string, UpstreamReport> Upstreams,
    ImmutableDictionary<string, OutboxEntry> Outbox,
    ImmutableDictionary<string, PostedCard> Cards)
{
    public static AnnouncementState Empty { get; } = new(
        ImmutableDictionary<string, ChannelSubscription>.Empty,
        ImmutableDictionary<string, Maintenance>.Empty,
        1,
        ImmutableDictionary<string, UpstreamReport>.Empty,
        ImmutableDictionary<string, OutboxEntry>.Empty,
        ImmutableDictionary<string, PostedCard>.Empty);

    private readonly ImmutableDictionary<string, CrowdSurge> _crowds = ImmutableDictionary<string, CrowdSurge>.Empty;

    /// <summary>
    /// The last time the people asking about each service crossed the crowd threshold (one per service). A snapshot written
    /// before surges were kept has none: read as empty.
    /// </summary>
    public ImmutableDictionary<string, CrowdSurge> Crowds
    {
        get => _crowds;
        init => _crowds = value ?? ImmutableDictionary<string, CrowdSurge>.Empty;
    }

    public IEnumerable<ChannelSubscription> ActiveChannels => Channels.Values.Where(c => c.IsActive).OrderBy(c => c.Key, StringComparer.Ordinal);

    public PostedCard? CardOf(string subject, string channelKey) => Cards.GetValueOrDefault(OutboxKeys.Of(subject, channelKey));

    public OutboxEntry? PendingOf(string subject, string channelKey) => Outbox.GetValueOrDefault(OutboxKeys.Of(subject, channelKey));

    /// <summary>Maintenance windows not cancelled, by start.</summary>
    public IEnumerable<Maintenance> Scheduled => Maintenances.Values.Where(m => !m.Cancelled).OrderBy(m => m.Start);
}
