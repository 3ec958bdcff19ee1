using System.Collections.Immutable;
using StatusBot.Core.Board;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Core.Commands.Handlers;

/// <summary>
/// Handles <c>incident update &lt;id&gt; &lt;status&gt; &lt;message…&gt; [segments:"…"] [users:N]</c>: a timeline update (the
/// status may stay the same), and who is affected as more is learned.
/// <c>monitoring</c> marks the incident "restored for most"; <c>resolved</c> resolves it.
/// </summary>
public sealed class UpdateIncidentHandler(TimeProvider time, CommandSettings settings) : IDecisionHandler
{
    public CommandSpec Spec => Catalog.IncidentUpdate;

    public Decision Decide(BoardState state, ChatCommand command)
    {
        if (IncidentRules.Find(state, command, mustBeOpen: true, out var incident) is { } refusal)
        {
            return refusal;
        }

        var now = time.GetUtcNow();
        var status = command.RequiredEnum<IncidentStatus>("status");
        var message = command.RequiredText("message");
        if (status == IncidentStatus.Resolved)
        {
            return Decision.Apply(IncidentRules.Resolve(state, incident, command.Actor, now, message));
        }

        ImmutableArray<string>? segments = command.Text("segments") is { } text
            ? [.. text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase)]
            : null;
        return Decision.Apply(new IncidentUpdated(command.Actor, now, incident.Id, status, message, UpdateKind.Human, now + settings.UpdateInterval, null, segments, command.Integer("users")));
    }

    public Reply Confirm(BoardState state, ChatCommand command, Decision decision)
    {
        var l = Localizer.For(command.Culture);
        var incident = state.Incidents[command.RequiredText("id")];
        return new Reply
        {
            Title = l.Format(nameof(Strings.Update_Done), StatusViews.IncidentName(incident), l.Status(incident.Status)),
            Severity = StatusViews.SeverityOf(incident),
            Lines = [.. StatusViews.IncidentSummary(incident, state, l, time.GetUtcNow(), detailed: true)],
        };
    }
}
