using StatusBot.Core.Announcing;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.Publishing;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Announcing.Publishing;

/// <summary>
/// Pure decisions about public timelines, run on the board's writer with the announcer's other plans: a draft for every
/// incident change a publisher has not drafted yet (the opening when the incident is first seen open, then one per
/// timeline entry, the resolution included), approved at once when the publisher does not require approval or the
/// thread's holding updates were approved ahead; an outbox entry for every approved draft; and, for every draft waiting
/// for a decision, an admin notice with its buttons.
/// </summary>
public static class PublicPlanner
{
    public static IReadOnlyList<BoardEvent> Plan(BoardState state, PublicTimelines timelines, ChannelSubscription? admin, AnnouncementRenderer renderer, DateTimeOffset now)
    {
        var events = new List<BoardEvent>();
        if (timelines.Publishers.Count == 0)
        {
            return events;
        }

        var number = state.Publications.NextDraftNumber;
        foreach (var publisher in timelines.Publishers)
        {
            foreach (var draft in Drafts(state, publisher, timelines.Options, renderer, now))
            {
                events.Add(draft with { DraftId = PublicSubjects.DraftId(number++) });
            }
        }

        var after = StateReducer.ApplyAll(state, events);
        var byName = timelines.Publishers.ToDictionary(p => p.EffectiveName, StringComparer.OrdinalIgnoreCase);
        foreach (var draft in after.Publications.Drafts.Values.OrderBy(d => d.Number))
        {
            // A publisher removed from the configuration keeps its drafts, unsent.
            if (!byName.TryGetValue(draft.Publisher, out var publisher))
            {
                continue;
            }

            var (subject, channelKey) = draft.Status switch
            {
                PublicDraftStatus.Approved => (PublicSubjects.Post(draft.Id), PublicTimelines.KeyOf(publisher)),
                PublicDraftStatus.Pending when admin is not null => (PublicSubjects.Notice(draft.Id), admin.Key),
                _ => (null, null),
            };
            if (subject is not null && after.Announcements.PendingOf(subject, channelKey!) is null)
            {
                events.Add(new AnnouncementQueued(Actor.System, now, subject + "/1", channelKey!, subject, 1));
            }
        }

        return events;
    }

    /// <summary>The drafts owed to one publisher, numbered by the caller.</summary>
    private static IEnumerable<PublicDraftWritten> Drafts(BoardState state, PublisherOptions publisher, PublishingOptions options, AnnouncementRenderer renderer, DateTimeOffset now)
    {
        var name = publisher.EffectiveName;
        var services = publisher.Services.Select(s => state.Index.Find(s)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var l = Localizer.For(Locales.Resolve(publisher.Locale));
        var threads = state.Publications.Drafts.Values.Where(d => d.Publisher == name).Select(d => d.IncidentId).ToHashSet(StringComparer.Ordinal);
        var incidents = state.OpenIncidents.Concat(threads.Select(state.FindIncident).OfType<Incident>().Where(i => i.IsResolved));
        foreach (var incident in incidents)
        {
            if (services.Count > 0 && !incident.Services.Any(s => services.Contains(s.ServiceId)))
            {
                continue;
            }

            var drafted = state.Publications.DraftedVersion(name, incident.Id);
            var count = incident.Timeline.Count;
            if (drafted >= count)
            {
                continue;
            }

            var holdingApproved = state.Publications.HoldingApproved.Contains(PublicSubjects.Thread(name, incident.Id));
            var link = options.IncidentLink(incident.Id);
            IEnumerable<(int Version, PublicPostKind Kind, TimelineEntry? Entry)> posts = drafted == 0
                ? [(count, PublicPostKind.Opened, null)]
                : Enumerable.Range(drafted, count - drafted).Select(i => (i + 1, KindOf(incident.Timeline[i]), (TimelineEntry?)incident.Timeline[i]));
            foreach (var (version, kind, entry) in posts)
            {
                var body = PublicText.Fit(publisher.Platform, renderer.PublicBody(kind, incident, entry, state, l, now), link);
                var approved = !publisher.RequireApproval || (kind == PublicPostKind.Holding && holdingApproved);
                yield return new PublicDraftWritten(Actor.System, now, "", name, publisher.Platform, incident.Id, version, kind, body, link, approved);
            }
        }
    }

    private static PublicPostKind KindOf(TimelineEntry entry) =>
        entry.Status == IncidentStatus.Resolved ? PublicPostKind.Resolved
        : entry.Kind == UpdateKind.Apology && entry.Author == Actor.System ? PublicPostKind.Holding
        : PublicPostKind.Updated;
}
