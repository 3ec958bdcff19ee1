using System.Collections.Immutable;
using StatusBot.Core.Announcing;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Announcing;

/// <summary>
/// Pure decisions of the announcer, run on the board's writer so they see the latest state: which announcements to put
/// in the outbox, which configured channels to add, which incidents are owed a holding update.
/// </summary>
public static class AnnouncementPlanner
{
    /// <summary>
    /// An outbox entry for every (incident or maintenance, channel) whose card is behind and has nothing pending, the cards
    /// and what is settled read from <paramref name="deliveries"/>.
    /// </summary>
    public static IReadOnlyList<BoardEvent> Queue(BoardState state, DeliveryBook deliveries, DateTimeOffset now)
    {
        var a = state.Announcements;
        var events = new List<BoardEvent>();
        var subjects = state.OpenIncidents
            .Concat(deliveries.Cards(a).Select(c => state.FindIncident(c.Subject)).OfType<Incident>().Where(i => i.IsResolved).Distinct())
            .Select(i => (Id: i.Id, Services: i.Services.Select(s => s.ServiceId).ToImmutableArray(), Version: i.AnnouncedVersion, NewOnly: i.IsResolved));
        var windows = a.Maintenances.Values
            .Select(m => (Id: m.Id, m.Services, Version: m.StageAt(now), NewOnly: m.Cancelled || now >= m.End + TimeSpan.FromHours(1)))
            .Where(m => m.Version > 0);
        foreach (var (id, services, version, onlyIfPosted) in subjects.Concat(windows))
        {
            foreach (var channel in a.ActiveChannels.Where(c => c.Wants(services)))
            {
                var card = deliveries.CardOf(a, id, channel.Key);
                if ((card is null && onlyIfPosted) || (card?.Version ?? 0) >= version || (deliveries.PendingOf(a, id, channel.Key)?.Version ?? 0) >= version)
                {
                    continue;
                }

                events.Add(new AnnouncementQueued(Actor.System, now, $"{id}/{version}", channel.Key, id, version));
            }
        }

        return events;
    }

    /// <summary>A subscription for every configured channel the board does not know yet.</summary>
    public static IReadOnlyList<BoardEvent> ConfiguredChannels(BoardState state, IEnumerable<ChannelOptions> channels, DateTimeOffset now) =>
    [
        .. channels
            .Where(c => c.Platform.Length > 0 && c.ChannelId.Length > 0)
            .Select(c => (Options: c, Ref: new ChannelRef(c.Platform.ToLowerInvariant(), c.ChannelId, c.WorkspaceId)))
            .Where(c => !state.Announcements.Channels.ContainsKey(ChannelKeys.Of(c.Ref)))
            .Select(c => new ChannelSubscribed(
                Actor.System,
                now,
                c.Ref,
                [.. c.Options.Services.Select(s => state.Index.Find(s)).OfType<string>()],
                Locales.Code(Locales.Resolve(c.Options.Locale)))),
    ];
}
