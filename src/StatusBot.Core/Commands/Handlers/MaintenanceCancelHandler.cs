using StatusBot.Core.Board;
using StatusBot.Core.Events;
using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Core.Commands.Handlers;

/// <summary>Handles <c>maintenance cancel &lt;id&gt;</c>: a window not over yet is cancelled (and the cancellation announced).</summary>
public sealed class MaintenanceCancelHandler(TimeProvider time) : IDecisionHandler
{
    public CommandSpec Spec => Catalog.MaintenanceCancel;

    public Decision Decide(BoardState state, ChatCommand command)
    {
        var l = Localizer.For(command.Culture);
        var id = command.RequiredText("maintenance").Trim().ToUpperInvariant();
        var now = time.GetUtcNow();
        if (!state.Announcements.Maintenances.TryGetValue(id, out var maintenance))
        {
            return Decision.Invalid(l.Format(nameof(Strings.Maintenance_Unknown), command.RequiredText("maintenance")));
        }

        return maintenance.Cancelled || maintenance.End <= now
            ? Decision.Invalid(l.Format(nameof(Strings.Maintenance_Over), id))
            : Decision.Apply(new MaintenanceCancelled(command.Actor, now, id));
    }

    public Reply Confirm(BoardState state, ChatCommand command, Decision decision)
    {
        var l = Localizer.For(command.Culture);
        var cancelled = decision.Events.OfType<MaintenanceCancelled>().Single();
        var maintenance = state.Announcements.Maintenances[cancelled.MaintenanceId];
        return new Reply
        {
            Title = l.Format(nameof(Strings.Maintenance_CancelDone), maintenance.Id),
            Lines = [maintenance.Title],
            Severity = Severity.Success,
        };
    }
}
