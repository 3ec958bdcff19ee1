using StatusBot.Core.Board;
using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Core.Commands.Handlers;

/// <summary>Handles <c>incident resolve &lt;id&gt; [message…]</c>: resolves it and puts its services back as they should be.</summary>
public sealed class ResolveIncidentHandler(TimeProvider time) : IDecisionHandler
{
    public CommandSpec Spec => Catalog.IncidentResolve;

    public Decision Decide(BoardState state, ChatCommand command)
    {
        if (IncidentRules.Find(state, command, mustBeOpen: true, out var incident) is { } refusal)
        {
            return refusal;
        }

        return Decision.Apply(IncidentRules.Resolve(state, incident, command.Actor, time.GetUtcNow(), command.Text("message")));
    }

    public Reply Confirm(BoardState state, ChatCommand command, Decision decision)
    {
        var l = Localizer.For(command.Culture);
        var now = time.GetUtcNow();
        var incident = state.Incidents[command.RequiredText("id")];
        return new Reply
        {
            Title = l.Format(nameof(Strings.Resolve_Done), StatusViews.IncidentName(incident), l.Duration(incident.Duration(now))),
            Severity = Severity.Success,
            Lines = [.. StatusViews.IncidentSummary(incident, state, l, now, detailed: true)],
        };
    }
}
