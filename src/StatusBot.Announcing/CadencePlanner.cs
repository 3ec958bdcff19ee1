using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Announcing;

/// <summary>
/// The apology cadence: an open incident whose promised update time has passed with no word gets a holding update from
/// the template, which promises the next one. A person's update moves the promise, so it always wins. Holding updates are
/// apologies to people: with no channel subscribed there is nobody to say them to, and none is written.
/// </summary>
public sealed class CadencePlanner(AnnouncementOptions options, AnnouncementRenderer renderer)
{
    public IReadOnlyList<BoardEvent> Due(BoardState state, DateTimeOffset now)
    {
        var l = Localizer.For(Locales.Resolve(options.Locale));
        var events = new List<BoardEvent>();
        if (!state.Announcements.ActiveChannels.Any())
        {
            return events;
        }

        foreach (var incident in state.OpenIncidents)
        {
            if (incident.NextUpdateDue is not { } due || due > now)
            {
                continue;
            }

            var next = now + options.UpdateInterval;
            var message = renderer.Apology(incident, state, l, now, next);
            events.Add(new IncidentUpdated(Actor.System, now, incident.Id, incident.Status, message, UpdateKind.Apology, next));
        }

        return events;
    }

    /// <summary>When the next holding update falls due, if any incident is open.</summary>
    public static DateTimeOffset? NextDue(BoardState state) =>
        !state.Announcements.ActiveChannels.Any() ? null : state.OpenIncidents.Select(i => i.NextUpdateDue).OfType<DateTimeOffset>().DefaultIfEmpty().Min() is { } min && min != default ? min : null;
}
