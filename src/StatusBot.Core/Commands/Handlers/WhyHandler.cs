using StatusBot.Core.Domain;
using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Core.Commands.Handlers;

/// <summary>Handles <c>why [service]</c>: the cause of the current (or last) outage, with confidence and upstream evidence.</summary>
public sealed class WhyHandler(TimeProvider time) : IQueryHandler
{
    public CommandSpec Spec => Catalog.Why;

    public Reply Answer(BoardState state, ChatCommand command)
    {
        var l = Localizer.For(command.Culture);
        var now = time.GetUtcNow();
        if (command.Text("service") is { } serviceId)
        {
            var service = state.Services[serviceId];
            return state.CurrentOrLastIncidentFor(serviceId) is { } incident
                ? Explain(incident, state, l, now, serviceId)
                : new Reply { Title = l.Format(nameof(Strings.Why_NoOutage), service.Name), Severity = Severity.Success, Lines = [StatusViews.ServiceLine(service, l, now)] };
        }

        var open = state.OpenIncidents.ToList();
        if (open.Count == 1)
        {
            return Explain(open[0], state, l, now);
        }

        if (open.Count > 1)
        {
            return new Reply
            {
                Title = l.Format(nameof(Strings.Why_Several), open.Count),
                Severity = open.Select(StatusViews.SeverityOf).Max(),
                Fields = [.. open.Select(i => new ReplyField(StatusViews.IncidentName(i, state, l), StatusViews.CauseLine(i, state, l)))],
                Timestamp = now,
            };
        }

        var last = state.LatestIncident;
        if (last is null)
        {
            return new Reply { Title = l[nameof(Strings.Why_NothingWrong)], Severity = Severity.Success };
        }

        var reply = Explain(last, state, l, now);
        return reply with { Lines = [l[nameof(Strings.Why_NothingNowLast)], .. reply.Lines] };
    }

    private static Reply Explain(Incident incident, BoardState state, Localizer l, DateTimeOffset now, string? serviceId = null)
    {
        var lines = new List<string> { StatusViews.CauseLine(incident, state, l) };
        if (incident.Cause is null && !incident.IsResolved)
        {
            lines.Add(l[nameof(Strings.Why_Investigating)]);
        }

        if (incident.Cause?.UpstreamId is { } upstreamId && state.Upstreams.TryGetValue(upstreamId, out var upstream))
        {
            var dependents = state.OrderedServices.Where(s => s.Definition.DependsOn.Contains(upstream.Id)).Select(s => s.Name).ToList();
            if (dependents.Count > 0)
            {
                var key = dependents.Count == 1 ? nameof(Strings.Why_DependsOn) : nameof(Strings.Why_DependOnMany);
                lines.Add(l.Format(key, l.List(dependents), upstream.Name));
            }
        }

        lines.AddRange(StatusViews.EvidenceLines(incident, state, l, now));
        lines.AddRange(StatusViews.IncidentSummary(incident, state, l, now, detailed: false).Where(s => s != lines[0]));
        return new Reply
        {
            Title = l.Format(incident.IsResolved ? nameof(Strings.Why_TitleResolved) : nameof(Strings.Why_Title), StatusViews.IncidentName(incident, state, l)),
            Severity = StatusViews.SeverityOf(incident),
            Lines = [.. lines],
            Timestamp = now,
            Actions = [StatusHandler.TimelineAction(incident, l), .. FollowActions(incident, state, l, serviceId)],
        };
    }

    /// <summary>While the incident is open: "Tell me when it's fixed" for the service asked about, else for each affected one.</summary>
    private static IEnumerable<ReplyAction> FollowActions(Incident incident, BoardState state, Localizer l, string? serviceId)
    {
        if (incident.IsResolved)
        {
            return [];
        }

        return serviceId is not null
            ? [StatusHandler.FollowAction(serviceId, l)]
            : StatusHandler.FollowActions(incident.Services.Select(s => s.ServiceId), state, l);
    }
}
