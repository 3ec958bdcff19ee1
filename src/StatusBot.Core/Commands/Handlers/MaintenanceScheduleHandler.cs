using StatusBot.Core.Board;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Core.Commands.Handlers;

/// <summary>
/// Handles <c>maintenance schedule &lt;services&gt; &lt;start&gt; &lt;duration&gt; &lt;title…&gt;</c>: plans a window (<c>MNT-n</c>)
/// during which its services are expected down, so probes open no incident; it is announced a day and ten minutes
/// before, at its start and at its end.
/// </summary>
public sealed class MaintenanceScheduleHandler(TimeProvider time) : IDecisionHandler
{
    public CommandSpec Spec => Catalog.MaintenanceSchedule;

    public Decision Decide(BoardState state, ChatCommand command)
    {
        var l = Localizer.For(command.Culture);
        var now = time.GetUtcNow();
        var startText = command.RequiredText("start");
        if (!MaintenanceTimes.TryParseStart(startText, now, out var start))
        {
            return Decision.Invalid(l.Format(nameof(Strings.Maintenance_BadStart), startText));
        }

        if (start < now - TimeSpan.FromMinutes(1))
        {
            return Decision.Invalid(l.Format(nameof(Strings.Maintenance_StartInPast), l.Clock(start, now)));
        }

        var durationText = command.RequiredText("duration");
        if (!MaintenanceTimes.TryParseDuration(durationText, out var duration))
        {
            return Decision.Invalid(l.Format(nameof(Strings.Maintenance_BadDuration), durationText));
        }

        var id = Maintenance.FormatId(state.Announcements.NextMaintenanceNumber);
        return Decision.Apply(new MaintenanceScheduled(
            command.Actor, now, id, command.RequiredText("title"), command.ServiceIds("services"), start, start + duration, ExpectedDown: true));
    }

    public Reply Confirm(BoardState state, ChatCommand command, Decision decision)
    {
        var l = Localizer.For(command.Culture);
        var scheduled = decision.Events.OfType<MaintenanceScheduled>().Single();
        var maintenance = state.Announcements.Maintenances[scheduled.MaintenanceId];
        return new Reply
        {
            Title = l.Format(nameof(Strings.Maintenance_Scheduled), maintenance.Id),
            Lines = [MaintenanceListHandler.Line(maintenance, state, l, time.GetUtcNow())],
            Severity = Severity.Success,
        };
    }
}
