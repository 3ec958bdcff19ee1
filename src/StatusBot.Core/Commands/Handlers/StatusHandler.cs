using StatusBot.Core.Domain;
using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Core.Commands.Handlers;

/// <summary>Handles <c>status [service]</c>: the overview at a glance, or one service with its open incident.</summary>
public sealed class StatusHandler(TimeProvider time) : IQueryHandler
{
    public CommandSpec Spec => Catalog.Status;

    public Reply Answer(BoardState state, ChatCommand command)
    {
        var l = Localizer.For(command.Culture);
        var now = time.GetUtcNow();
        return command.Text("service") is { } serviceId ? One(state, state.Services[serviceId], l, now) : Overview(state, l, now);
    }

    private static Reply Overview(BoardState state, Localizer l, DateTimeOffset now)
    {
        var open = state.OpenIncidents.ToList();
        var fields = open.Select(i => new ReplyField(StatusViews.IncidentName(i, state, l), string.Join('\n', StatusViews.IncidentSummary(i, state, l, now, detailed: false))));
        return new Reply
        {
            Title = StatusViews.Overall(state, l),
            Severity = StatusViews.OverallSeverity(state),
            Lines = [.. state.OrderedServices.Select(s => StatusViews.ServiceLine(s, l, now))],
            Fields = [.. fields],
            Footer = open.Count == 0 ? l[nameof(Strings.Status_NoOpenIncidents)] : l.Plural(nameof(Strings.Status_OpenIncidents), open.Count),
            Timestamp = now,
            Actions = [.. open.Select(i => TimelineAction(i, l)), .. FollowActions(open.SelectMany(i => i.Services.Select(s => s.ServiceId)), state, l)],
        };
    }

    private static Reply One(BoardState state, ServiceState service, Localizer l, DateTimeOffset now)
    {
        var lines = new List<string> { l.Format(nameof(Strings.Status_SinceAt), l.Relative(service.Since, now), l.Time(service.Since, now), now - service.Since < TimeSpan.FromSeconds(1) ? l[nameof(Strings.Since_JustNow)] : l.Duration(now - service.Since)) };
        if (!string.IsNullOrWhiteSpace(service.Note))
        {
            lines.Add(l.Format(nameof(Strings.Status_Note), service.Note));
        }

        var open = state.OpenIncidentsFor(service.Id).ToList();
        if (open.Count == 0)
        {
            lines.Add(l[nameof(Strings.Status_NoIncidentForService)]);
            if (state.CurrentOrLastIncidentFor(service.Id) is { } last && last.Milestones.Resolved is { } resolvedAt)
            {
                lines.Add(l.Format(nameof(Strings.Status_LastIncident), last.Id, last.Title, l.Relative(resolvedAt, now), l.Duration(last.Duration(now))));
            }
        }

        var actions = open.Select(i => TimelineAction(i, l))
            .Concat(open.Count > 0 ? [FollowAction(service.Id, l)] : [])
            .Concat(open.Select(i => new ReplyAction("resolve:" + i.Id, l[nameof(Strings.Action_Resolve)], "incident resolve " + i.Id, AdminOnly: true)));
        return new Reply
        {
            Title = l.Format(nameof(Strings.Status_ServiceTitle), StatusViews.Icon(service.Status), service.Name, l.Status(service.Status)),
            Severity = StatusViews.SeverityOf(service.Status),
            Lines = [.. lines],
            Fields = [.. open.Select(i => new ReplyField(StatusViews.IncidentName(i, state, l), string.Join('\n', StatusViews.IncidentSummary(i, state, l, now, detailed: true))))],
            Timestamp = now,
            Actions = [.. actions],
        };
    }

    /// <summary>The most follow buttons one answer shows (Discord fits five buttons in a row).</summary>
    private const int MaxFollowActions = 3;

    /// <summary>"Tell me when it's fixed": follows the service until its incidents are resolved, as the presser.</summary>
    internal static ReplyAction FollowAction(string serviceId, Localizer l, string? serviceName = null) =>
        new(
            "follow:" + serviceId,
            serviceName is null ? l[nameof(Strings.Action_Follow)] : l.Format(nameof(Strings.Action_FollowService), serviceName),
            $"follow {serviceId} {FollowHandler.ResolvedWord}",
            AdminOnly: false);

    /// <summary>A follow button for each service of <paramref name="serviceIds"/> (named, as there may be several), at most three.</summary>
    internal static IEnumerable<ReplyAction> FollowActions(IEnumerable<string> serviceIds, BoardState state, Localizer l) =>
        serviceIds.Distinct(StringComparer.Ordinal).Take(MaxFollowActions).Select(id => FollowAction(id, l, state.ServiceName(id)));

    internal static ReplyAction TimelineAction(Incident incident, Localizer l) =>
        new("timeline:" + incident.Id, l[nameof(Strings.Action_Timeline)], "incident show " + incident.Id, AdminOnly: false);
}
