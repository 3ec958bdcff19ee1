using System.Collections.Immutable;
using StatusBot.Core.Board;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Core.Commands.Handlers;

/// <summary>
/// Handles <c>incident open &lt;services&gt; &lt;impact&gt; &lt;title…&gt; [cause:"…"] [segments:"…"] [users:N]</c>:
/// opens an incident and sets the services it affects to the status its impact implies (never lowering a worse one).
/// </summary>
public sealed class OpenIncidentHandler(TimeProvider time, CommandSettings settings) : IDecisionHandler
{
    public CommandSpec Spec => Catalog.IncidentOpen;

    public Decision Decide(BoardState state, ChatCommand command)
    {
        var now = time.GetUtcNow();
        var impact = command.RequiredEnum<Impact>("impact");
        var status = impact.ToServiceStatus();
        var id = IncidentIds.Format(state.NextIncidentNumber);
        var services = command.ServiceIds("services");
        var segments = (command.Text("segments") ?? "")
            .Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToImmutableArray();
        var cause = command.Text("cause") is { } causeText ? new Cause(causeText, CauseConfidence.Suspected, null) : null;

        var events = new List<BoardEvent>
        {
            new IncidentOpened(
                command.Actor,
                now,
                id,
                command.RequiredText("title"),
                impact,
                [.. services.Select(s => new AffectedService(s, status))],
                segments,
                command.Integer("users"),
                cause,
                now,
                now + settings.UpdateInterval,
                null,
                Automatic: false),
        };
        foreach (var serviceId in services)
        {
            if (state.Services[serviceId].Status.Severity() < status.Severity())
            {
                events.Add(new ServiceStatusChanged(command.Actor, now, serviceId, status, null, id));
            }
        }

        return Decision.Apply(events);
    }

    public Reply Confirm(BoardState state, ChatCommand command, Decision decision)
    {
        var l = Localizer.For(command.Culture);
        var opened = decision.Events.OfType<IncidentOpened>().Single();
        var incident = state.Incidents[opened.IncidentId];
        return new Reply
        {
            Title = l.Format(nameof(Strings.Open_Done), StatusViews.IncidentName(incident)),
            Severity = StatusViews.SeverityOf(incident),
            Lines = [.. StatusViews.IncidentSummary(incident, state, l, time.GetUtcNow(), detailed: false)],
            Footer = l[nameof(Strings.Open_Footer)],
        };
    }
}
