using StatusBot.Core.Board;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Core.Commands.Handlers;

/// <summary>
/// Handles <c>incident apologize &lt;id&gt; [message…]</c>: posts an apology update, in the admin's own words or from the
/// template ("Sorry — Streaming is still down for TV devices, for 2 hours, 14 minutes now…").
/// </summary>
public sealed class ApologizeIncidentHandler(TimeProvider time, CommandSettings settings) : IDecisionHandler
{
    public CommandSpec Spec => Catalog.IncidentApologize;

    public Decision Decide(BoardState state, ChatCommand command)
    {
        if (IncidentRules.Find(state, command, mustBeOpen: true, out var incident) is { } refusal)
        {
            return refusal;
        }

        var now = time.GetUtcNow();
        var next = now + settings.UpdateInterval;
        var message = command.Text("message") ?? Template(incident, state, Localizer.For(command.Culture), now, next);
        return Decision.Apply(new IncidentUpdated(command.Actor, now, incident.Id, incident.Status, message, UpdateKind.Apology, next));
    }

    public Reply Confirm(BoardState state, ChatCommand command, Decision decision)
    {
        var l = Localizer.For(command.Culture);
        var incident = state.Incidents[command.RequiredText("id")];
        return new Reply
        {
            Title = l.Format(nameof(Strings.Apology_Done), StatusViews.IncidentName(incident)),
            Lines = [incident.Timeline[^1].Message],
            Severity = StatusViews.SeverityOf(incident),
        };
    }

    /// <summary>The apology sentence for an incident, in one language.</summary>
    public static string Template(Incident incident, BoardState state, Localizer l, DateTimeOffset now, DateTimeOffset next)
    {
        // Services already back are not apologized for again ("Website is back" was said when it came back).
        var stillAffected = incident.Services.Where(s => s.RecoveredAt is null).ToArray() is { Length: > 0 } open ? open : incident.Services.ToArray();
        var services = l.List(stillAffected.Select(s => state.ServiceName(s.ServiceId)));
        var status = l.InSentence(l.Status(StatusViews.AffectedStatus(incident, state)));
        var who = incident.Segments.Length > 0
            ? l.Format(nameof(Strings.Apology_For), string.Join(", ", incident.Segments))
            : "";
        var key = stillAffected.Length > 1 ? nameof(Strings.Apology_TemplateMany) : nameof(Strings.Apology_Template);
        return l.Format(key, services, status, who, l.Duration(incident.Duration(now)), l.Clock(next, now));
    }
}
