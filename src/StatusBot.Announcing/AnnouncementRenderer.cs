using StatusBot.Core.Commands.Handlers;
using StatusBot.Core.Domain;
using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Announcing;

/// <summary>
/// What a channel sees: the living card of an incident, the thread reply for each change (the resolution with its
/// duration, what was affected, who and why), and holding updates from the apology template. All plain text.
/// </summary>
public sealed partial class AnnouncementRenderer(AnnouncementOptions options)
{
    /// <summary>The status card, edited in place as the incident moves.</summary>
    public Reply Card(Incident incident, BoardState state, Localizer l, DateTimeOffset now) => new()
    {
        Visibility = Visibility.Channel,
        Title = StatusViews.IncidentName(incident, state, l),
        Severity = incident.IsResolved ? Severity.Success : StatusViews.SeverityOf(incident),
        Lines = [.. StatusViews.IncidentSummary(incident, state, l, now, detailed: false)],
        Timestamp = now,
    };

    /// <summary>The thread reply for timeline entries [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public Reply Changes(Incident incident, int from, int to, BoardState state, Localizer l, DateTimeOffset now)
    {
        var lines = new List<string>();
        var resolved = false;
        for (var i = Math.Max(from, 0); i < Math.Min(to, incident.Timeline.Count); i++)
        {
            var entry = incident.Timeline[i];
            if (entry.Status == IncidentStatus.Resolved)
            {
                resolved = true;
                var summary = Resolution(incident, state, l, now).ToList();
                lines.AddRange(summary[..^1]);
                if (entry.Message.Length > 0)
                {
                    lines.Add(entry.Message);
                }

                // The apology closes the post, after the person's own words.
                lines.Add(summary[^1]);

                continue;
            }

            lines.Add(l.Format(nameof(Strings.Announce_Update), l.Status(entry.Status), Message(entry, incident, state, l)));
        }

        if (!resolved && !incident.IsResolved && incident.NextUpdateDue is { } due && !lines.Any(x => x.Contains(l.Clock(due, now), StringComparison.Ordinal)))
        {
            lines.Add(l.Format(nameof(Strings.Announce_NextUpdate), l.Time(due, now)));
        }

        return new Reply
        {
            Visibility = Visibility.Channel,
            Title = StatusViews.IncidentName(incident, state, l),
            Severity = resolved ? Severity.Success : StatusViews.SeverityOf(incident),
            Lines = [.. lines],
            Timestamp = now,
        };
    }

    /// <summary>"Resolved after 2 hours, 14 minutes. Affected: Streaming.", who, how many, why, and an apology.</summary>
    public static IEnumerable<string> Resolution(Incident incident, BoardState state, Localizer l, DateTimeOffset now)
    {
        var services = l.List(incident.Services.Select(s => state.ServiceName(s.ServiceId)));
        yield return l.Format(nameof(Strings.Announce_Resolved), l.Duration(incident.Duration(now)), services);
        if (incident.Segments.Length > 0)
        {
            yield return l.Format(nameof(Strings.Announce_ResolvedSegments), string.Join(", ", incident.Segments));
        }

        if (incident.UsersAffected is { } users)
        {
            yield return l.Format(nameof(Strings.Announce_ResolvedUsers), l.Count(users));
        }

        yield return StatusViews.CauseLine(incident, state, l);
        yield return l[nameof(Strings.Announce_Apology)];
    }

    /// <summary>
    /// The holding update in one language: the configured template for it, else the built-in apology sentence.
    /// </summary>
    public string Apology(Incident incident, BoardState state, Localizer l, DateTimeOffset now, DateTimeOffset next)
    {
        var language = Locales.Code(l.Culture);
        if (!options.Templates.Apology.TryGetValue(language, out var template) || string.IsNullOrWhiteSpace(template))
        {
            return ApologizeIncidentHandler.Template(incident, state, l, now, next);
        }

        return template
            .Replace("{services}", l.List(incident.Services.Select(s => state.ServiceName(s.ServiceId))), StringComparison.Ordinal)
            .Replace("{status}", l.InSentence(l.Status(StatusViews.AffectedStatus(incident, state))), StringComparison.Ordinal)
            .Replace("{segments}", string.Join(", ", incident.Segments), StringComparison.Ordinal)
            .Replace("{duration}", l.Duration(incident.Duration(now)), StringComparison.Ordinal)
            .Replace("{next}", l.Clock(next, now), StringComparison.Ordinal)
            .Replace("{title}", AutomaticWords.TitleOf(incident, state, l), StringComparison.Ordinal)
            .Replace("{id}", incident.Id, StringComparison.Ordinal);
    }

    /// <summary>A timeline message; the bot's own holding updates are written again in the channel's language.</summary>
    private string Message(TimelineEntry entry, Incident incident, BoardState state, Localizer l) =>
        entry.Kind == UpdateKind.Apology && entry.Author == Actor.System
            ? Apology(incident, state, l, entry.At, entry.At + options.UpdateInterval)
            : StatusViews.TimelineMessage(entry, l);
}
