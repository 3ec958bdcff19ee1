using StatusBot.Core.Domain;
using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Announcing;

/// <summary>
/// What a channel sees: the living card of an incident, the thread reply for each change (the resolution with its
/// duration, what was affected, who and why), and holding updates, each from its template (<see cref="PostTemplates"/>).
/// All plain text.
/// </summary>
public sealed partial class AnnouncementRenderer(AnnouncementOptions options)
{
    private const int MaxPostmortemPost = 3000;

    /// <summary>The templates of every post, with the configured overrides.</summary>
    public PostTemplates Templates { get; } = new(options.Templates);

    /// <summary>The status card, edited in place as the incident moves.</summary>
    public Reply Card(Incident incident, BoardState state, Localizer l, DateTimeOffset now)
    {
        var values = Values(incident, state, l, now);
        values["impact"] = l.Impact(StatusViews.ShownImpact(incident, state));
        // The card is posted, never stored: its times are marks each platform shows in the reader's own time zone.
        values["started"] = l.RelativeTime(incident.Milestones.Started, now);
        values["mitigated"] = incident.Milestones.Mitigated is { } mitigated && !incident.IsResolved ? l.Time(mitigated, now) : "";
        var latest = incident.Timeline.Count > 1 ? incident.Timeline[^1] : null;
        values["latest"] = latest is null ? "" : StatusViews.TimelineMessage(latest, l);
        values["latest_when"] = latest is null ? "" : l.Relative(latest.At, now);
        values["resolved"] = incident.IsResolved && incident.Milestones.Resolved is { } resolved ? l.Time(resolved, now) : "";
        values["next"] = incident.NextUpdateDue is { } due ? l.Time(due, now) : "";
        return new Reply
        {
            Visibility = Visibility.Channel,
            Title = StatusViews.IncidentName(incident, state, l),
            Severity = incident.IsResolved ? Severity.Success : StatusViews.SeverityOf(incident),
            Lines = [.. Templates.Lines(PostKind.Opened, l, now, values)],
            Timestamp = now,
        };
    }

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
                var values = Values(incident, state, l, now);
                values["message"] = entry.Message;
                lines.AddRange(Templates.Lines(PostKind.Resolved, l, now, values));
                continue;
            }

            var kind = entry.Kind == UpdateKind.Upstream ? PostKind.Upstream : PostKind.Updated;
            var update = Values(incident, state, l, now);
            update["status"] = l.Status(entry.Status);
            update["message"] = Message(entry, incident, state, l);
            lines.Add(Templates.Render(kind, l, now, update));
        }

        // Steps past the timeline are publications of the postmortem (only a resolved incident has them): it is told once.
        if (to > incident.Timeline.Count && incident.Postmortem is { IsPublished: true } postmortem)
        {
            var values = Values(incident, state, l, now);
            values["body"] = Clip(PostmortemMarkdown.ToPlainText(postmortem.Body));
            values["published_at"] = postmortem.LastPublishedAt;
            lines.AddRange(Templates.Lines(PostKind.Postmortem, l, now, values));
            resolved = true;
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

    /// <summary>
    /// The holding update in one language: the <see cref="PostKind.Holding"/> template (an override for it, else the built-in
    /// apology sentence).
    /// </summary>
    public string Apology(Incident incident, BoardState state, Localizer l, DateTimeOffset now, DateTimeOffset next)
    {
        var values = Values(incident, state, l, now);
        var stillAffected = incident.Services.Where(s => s.RecoveredAt is null).ToArray() is { Length: > 0 } open ? open : incident.Services.ToArray();
        values["services"] = l.List(stillAffected.Select(s => state.ServiceName(s.ServiceId)));
        values["services_count"] = stillAffected.Length;
        values["status"] = l.InSentence(l.Status(StatusViews.AffectedStatus(incident, state)));
        values["next"] = l.Clock(next, now);
        values["next_at"] = next;
        return Templates.Render(PostKind.Holding, l, now, values);
    }

    /// <summary>The variables every incident template offers (see docs/ANNOUNCEMENTS.md, "Templates").</summary>
    private static Dictionary<string, object?> Values(Incident incident, BoardState state, Localizer l, DateTimeOffset now) => new(StringComparer.Ordinal)
    {
        ["id"] = incident.Id,
        ["title"] = AutomaticWords.TitleOf(incident, state, l),
        ["services"] = l.List(incident.Services.Select(s => state.ServiceName(s.ServiceId))),
        ["services_count"] = incident.Services.Length,
        ["status"] = l.Status(incident.Status),
        ["impact"] = l.Impact(incident.Impact),
        ["message"] = "",
        ["segments"] = string.Join(", ", incident.Segments),
        ["users"] = incident.UsersAffected is { } users ? l.Count(users) : "",
        ["duration"] = l.Duration(incident.Duration(now)),
        ["next"] = incident.NextUpdateDue is { } due ? l.Clock(due, now) : "",
        ["next_in"] = incident.NextUpdateDue is { } next ? l.Relative(next, now) : "",
        ["overdue"] = incident.NextUpdateDue < now,
        ["started"] = l.Relative(incident.Milestones.Started, now),
        ["mitigated"] = incident.Milestones.Mitigated is { } mitigated ? l.Clock(mitigated, now) : "",
        ["latest"] = incident.Timeline.Count > 0 ? StatusViews.TimelineMessage(incident.Timeline[^1], l) : "",
        ["latest_when"] = incident.Timeline.Count > 0 ? l.Relative(incident.Timeline[^1].At, now) : "",
        ["resolved"] = incident.Milestones.Resolved is { } resolved ? l.Clock(resolved, now) : "",
        ["next_at"] = incident.NextUpdateDue,
        ["cause"] = StatusViews.CauseLine(incident, state, l),
        ["confidence"] = incident.Cause is { } cause ? l.Confidence(cause.Confidence) : "",
        ["started_at"] = incident.Milestones.Started,
    };

    /// <summary>A chat post holds a few thousand characters: a longer postmortem is cut, the status page has all of it.</summary>
    private static string Clip(string text) => text.Length <= MaxPostmortemPost ? text : text[..MaxPostmortemPost].TrimEnd() + "…";

    /// <summary>A timeline message; the bot's own holding updates are written again in the channel's language.</summary>
    private string Message(TimelineEntry entry, Incident incident, BoardState state, Localizer l) =>
        entry.Kind == UpdateKind.Apology && entry.Author == Actor.System
            ? Apology(incident, state, l, entry.At, entry.At + options.UpdateInterval)
            : StatusViews.TimelineMessage(entry, l);
}
