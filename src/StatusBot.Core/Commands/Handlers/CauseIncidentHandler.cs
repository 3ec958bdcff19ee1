using StatusBot.Core.Board;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Core.Commands.Handlers;

/// <summary>
/// Handles <c>incident cause &lt;id&gt; &lt;suspected|identified|confirmed&gt; &lt;text…&gt; [upstream:id]</c>. Works on resolved
/// incidents too: the cause is often confirmed after the fact.
/// </summary>
public sealed class CauseIncidentHandler(TimeProvider time) : IDecisionHandler
{
    public CommandSpec Spec => Catalog.IncidentCause;

    public Decision Decide(BoardState state, ChatCommand command)
    {
        if (IncidentRules.Find(state, command, mustBeOpen: false, out var incident) is { } refusal)
        {
            return refusal;
        }

        var cause = new Cause(command.RequiredText("text"), command.RequiredEnum<CauseConfidence>("confidence"), command.Text("upstream"));
        return incident.Cause == cause
            ? Decision.NoChange
            : Decision.Apply(new IncidentCauseChanged(command.Actor, time.GetUtcNow(), incident.Id, cause));
    }

    public Reply Confirm(BoardState state, ChatCommand command, Decision decision)
    {
        var l = Localizer.For(command.Culture);
        var incident = state.Incidents[command.RequiredText("id")];
        return new Reply
        {
            Title = l.Format(nameof(Strings.Cause_Done), StatusViews.IncidentName(incident)),
            Lines = [StatusViews.CauseLine(incident, state, l)],
            Severity = StatusViews.SeverityOf(incident),
        };
    }
}
