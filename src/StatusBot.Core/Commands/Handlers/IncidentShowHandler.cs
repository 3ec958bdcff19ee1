using StatusBot.Core.Crowd;
using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Core.Commands.Handlers;

/// <summary>Handles <c>incident show &lt;id&gt;</c>: one incident, its milestones and its timeline.</summary>
public sealed class IncidentShowHandler(TimeProvider time, CrowdWatch crowd) : IQueryHandler
{
    private const int MaxTimeline = 20;

    public CommandSpec Spec => Catalog.IncidentShow;

    public Reply Answer(BoardState state, ChatCommand command)
    {
        var l = Localizer.For(command.Culture);
        var now = time.GetUtcNow();
        var id = command.RequiredText("id");
        if (state.FindIncident(id) is not { } incident)
        {
            return Reply.Error(l.Format(nameof(Strings.Error_UnknownIncident), id), l[nameof(Strings.Error_UnknownIncidentHint)]);
        }

        var lines = StatusViews.IncidentSummary(incident, state, l, now, detailed: false).ToList();
        var m = incident.Milestones;
        var milestones = new List<string> { l.Format(nameof(Strings.Milestone_Started), l.Time(m.Started, now)) };
        if (m.Acknowledged is { } ack)
        {
            milestones.Add(l.Format(nameof(Strings.Milestone_Acknowledged), l.Time(ack, now)));
        }

        if (m.Mitigated is { } mitigated)
        {
            milestones.Add(l.Format(nameof(Strings.Milestone_Mitigated), l.Time(mitigated, now)));
        }

        if (m.Resolved is { } resolved)
        {
            milestones.Add(l.Format(nameof(Strings.Milestone_Resolved), l.Time(resolved, now)));
        }

        lines.Add(string.Join(" · ", milestones));
        lines.AddRange(StatusViews.EvidenceLines(incident, state, l, now));
        if (command.IsAdmin && incident.Notes.Count > 0)
        {
            // Probe and alert details: for admins, never in public.
            lines.Add(l[nameof(Strings.Incident_Notes)]);
            lines.AddRange(incident.Notes.Select(n => $"{l.Time(n.At, now)} · {n.Text}"));
        }

        if (command.IsAdmin && crowd.Settings.IsOn)
        {
            // How many people ask about the incident's services: supporting evidence for admins, never shown in public.
            lines.Add(l[nameof(Strings.Crowd_EvidenceTitle)]);
            lines.AddRange(incident.Services.Select(a => crowd.CountOf(a.ServiceId)).Select(c => l.Format(
                nameof(Strings.Crowd_Evidence), state.ServiceName(c.ServiceId), l.Count(c.Askers), l.Duration(crowd.Settings.Window), l.Count((long)Math.Round(c.Usual)))));
        }

        var shown = incident.Timeline.Skip(Math.Max(0, incident.Timeline.Count - MaxTimeline)).Reverse();
        var fields = shown.Select(t => new ReplyField(
            $"{l.Time(t.At, now)} · {l.Status(t.Status)} ({l.Kind(t.Kind)})",
            $"{StatusViews.TimelineMessage(t, l)} — {t.Author.DisplayName}"));
        var hidden = incident.Timeline.Count - MaxTimeline;
        return new Reply
        {
            Title = StatusViews.IncidentName(incident, state, l),
            Severity = StatusViews.SeverityOf(incident),
            Lines = [.. lines],
            Fields = [.. fields],
            Footer = hidden > 0 ? l.Format(nameof(Strings.Timeline_Earlier), hidden) : null,
            Timestamp = now,
            Actions = incident.IsResolved ? [] : [new ReplyAction("resolve:" + incident.Id, l[nameof(Strings.Action_Resolve)], "incident resolve " + incident.Id, AdminOnly: true)],
        };
    }
}
