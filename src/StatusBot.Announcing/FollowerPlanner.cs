using StatusBot.Core.Announcing;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.Following;
using StatusBot.Core.State;

namespace StatusBot.Announcing;

/// <summary>
/// Pure decisions of the follower notifier, run on the board's writer: which incident changes are owed to followers (one
/// event per change, the reducer derives the audience), and which fan-outs the delivery ledger shows as done.
/// </summary>
public static class FollowerPlanner
{
    /// <summary>
    /// A <see cref="FollowerNewsQueued"/> for every incident with real changes its followers were not queued for: opened,
    /// updated, cause, recovered, resolved; the bot's holding updates alone are not news. Nothing while nobody follows
    /// anything. An incident resolved before its followers were ever queued is news to those who followed before it was.
    /// </summary>
    public static IReadOnlyList<BoardEvent> Queue(BoardState state, DateTimeOffset now)
    {
        var following = state.Following;
        if (following.Follows.IsEmpty)
        {
            return [];
        }

        var firstFollow = following.Follows.Values.Min(f => f.Since);
        var candidates = state.OpenIncidents
            .Concat(following.Told.Keys.Select(state.FindIncident).OfType<Incident>())
            .Concat(state.Incidents.Values.Where(i => i.IsResolved && i.Milestones.Resolved >= firstFollow && !following.Told.ContainsKey(i.Id)))
            .DistinctBy(i => i.Id);
        var events = new List<BoardEvent>();
        foreach (var incident in candidates)
        {
            var told = following.Told.GetValueOrDefault(incident.Id);
            var version = incident.Timeline.Count;
            if (version <= told || !incident.Timeline.Skip(told).Any(FollowerNews.IsNews))
            {
                continue;
            }

            events.Add(new FollowerNewsQueued(Actor.System, now, FollowKeys.FanOut(incident.Id, version), incident.Id, told, version, incident.IsResolved));
        }

        return events;
    }

    /// <summary>A <see cref="FollowerNewsSettled"/> for every fan-out whose recipients are all settled in <paramref name="book"/>.</summary>
    public static IReadOnlyList<BoardEvent> Settle(BoardState state, DeliveryBook book, DateTimeOffset now) =>
    [
        .. state.Following.FanOuts.Values
            .Where(f => f.Audience.All(r => IsSettled(book, f, r.Key)))
            .OrderBy(f => f.QueuedAt)
            .Select(f => new FollowerNewsSettled(Actor.System, now, f.Id)),
    ];

    /// <summary>True once the recipient was told this version or a later one of the incident, or given up.</summary>
    public static bool IsSettled(DeliveryBook book, FanOut fanOut, string recipientKey) =>
        book.Last.TryGetValue(OutboxKeys.Of(fanOut.Subject, recipientKey), out var last) && last.Version >= fanOut.Version;
}
