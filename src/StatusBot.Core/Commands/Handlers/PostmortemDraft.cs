using System.Globalization;
using System.Text;
using StatusBot.Core.Domain;
using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Core.Commands.Handlers;

/// <summary>
/// Writes the first draft of a postmortem in Markdown from what the board knows: what users saw, when it started and was
/// detected, what the provider acknowledged, each update, the resolution, how long it lasted, who was affected, the cause
/// and how sure it is, and an empty "What comes next" for the admins. Times are written out in UTC: the text is stored
/// and read later, so it carries no time marks.
/// </summary>
public static class PostmortemDraft
{
    public static string Write(Incident incident, BoardState state, Localizer l)
    {
        var md = new StringBuilder();
        var now = incident.Milestones.Resolved ?? incident.Milestones.Started;
        md.Append("# ").AppendLine(l.Format(nameof(Strings.Postmortem_Heading), StatusViews.IncidentName(incident, state, l))).AppendLine();

        Section(md, l[nameof(Strings.Postmortem_WhatUsersSaw)]);
        var services = l.List(incident.Services.Select(s => state.ServiceName(s.ServiceId)));
        md.AppendLine(l.Format(nameof(Strings.Postmortem_Saw), services, l.Impact(incident.Impact))).AppendLine();
        var first = incident.Timeline.Count > 0 ? StatusViews.TimelineMessage(incident.Timeline[0], l) : incident.Title;
        md.Append("> ").AppendLine(Line(first)).AppendLine();

        Section(md, l[nameof(Strings.Postmortem_Timeline)]);
        var m = incident.Milestones;
        Bullet(md, l[nameof(Strings.Postmortem_Started)], Utc(m.Started));
        Bullet(md, l[nameof(Strings.Postmortem_Detected)], Utc(m.Detected));
        if (m.Acknowledged is { } acknowledged)
        {
            Bullet(md, l[nameof(Strings.Postmortem_Acknowledged)], Utc(acknowledged));
        }

        foreach (var evidence in incident.Evidence)
        {
            Bullet(md, l[nameof(Strings.Postmortem_Upstream)], Evidence(evidence, state, l));
        }

        foreach (var entry in incident.Timeline.Skip(1).Where(t => t.Status != IncidentStatus.Resolved))
        {
            Bullet(md, Utc(entry.At), $"{l.Status(entry.Status)} — {Line(StatusViews.TimelineMessage(entry, l))}");
        }

        if (m.Mitigated is { } mitigated && mitigated != m.Resolved)
        {
            Bullet(md, l[nameof(Strings.Postmortem_Mitigated)], Utc(mitigated));
        }

        if (m.Resolved is { } resolved)
        {
            var last = incident.Timeline.LastOrDefault(t => t.Status == IncidentStatus.Resolved);
            Bullet(md, l[nameof(Strings.Postmortem_Resolved)], last is { Message.Length: > 0 } ? $"{Utc(resolved)} — {Line(last.Message)}" : Utc(resolved));
        }

        md.AppendLine();
        Section(md, l[nameof(Strings.Postmortem_Impact)]);
        Bullet(md, l[nameof(Strings.Postmortem_Duration)], l.Duration(incident.Duration(now)));
        Bullet(md, l[nameof(Strings.Postmortem_Services)], services);
        if (incident.Segments.Length > 0)
        {
            Bullet(md, l[nameof(Strings.Postmortem_Segments)], string.Join(", ", incident.Segments));
        }

        if (incident.UsersAffected is { } users)
        {
            Bullet(md, l[nameof(Strings.Postmortem_Users)], l.Count(users));
        }

        md.AppendLine();
        Section(md, l[nameof(Strings.Postmortem_Cause)]);
        md.AppendLine(Line(StatusViews.CauseLine(incident, state, l))).AppendLine();

        Section(md, l[nameof(Strings.Postmortem_Next)]);
        md.AppendLine(l[nameof(Strings.Postmortem_NextPlaceholder)]);
        // The bot's own sentences may hold time marks for chat; stored text holds their UTC words.
        return TimeMarks.Plain(md.ToString()).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";
    }

    /// <summary>"2026-12-07 20:31 UTC": stored text is read later and anywhere, so the date is always written.</summary>
    public static string Utc(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Evidence(UpstreamEvidence e, BoardState state, Localizer l)
    {
        var name = state.Upstreams.TryGetValue(e.UpstreamId, out var upstream) ? upstream.Name : e.UpstreamId;
        var parts = new List<string>();
        if (e.AcknowledgedAt is { } ack && ack < e.ChecksFailedAt)
        {
            parts.Add(l.Format(nameof(Strings.Evidence_AcknowledgedFirst), name, Utc(ack)));
            parts.Add(l.Format(nameof(Strings.Evidence_ChecksFailed), Utc(e.ChecksFailedAt)));
        }
        else
        {
            parts.Add(l.Format(nameof(Strings.Evidence_ChecksFailed), Utc(e.ChecksFailedAt)));
            parts.Add(e.AcknowledgedAt is { } later
                ? l.Format(nameof(Strings.Evidence_Acknowledged), name, Utc(later), l.Duration(later - e.ChecksFailedAt))
                : l.Format(nameof(Strings.Evidence_NotYet), name));
        }

        if (e.ProviderTitle is { Length: > 0 } said)
        {
            parts.Add($"“{Line(said)}”");
        }

        if (e.ResolvedAt is { } resolved)
        {
            parts.Add(l.Format(nameof(Strings.Evidence_Resolved), name, Utc(resolved)));
        }

        return string.Join(" · ", parts);
    }

    private static void Section(StringBuilder md, string heading) => md.Append("## ").AppendLine(heading).AppendLine();

    private static void Bullet(StringBuilder md, string label, string text) => md.Append("- **").Append(label).Append(":** ").AppendLine(text);

    /// <summary>A message on one line, so a line break in it cannot end the list item or start a heading.</summary>
    private static string Line(string text) => string.Join(' ', text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
