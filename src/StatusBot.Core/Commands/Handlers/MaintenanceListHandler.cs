using StatusBot.Core.Domain;
using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Core.Commands.Handlers;

/// <summary>Handles <c>maintenance list</c>: the windows scheduled or running, soonest first.</summary>
public sealed class MaintenanceListHandler(TimeProvider time) : IQueryHandler
{
    public CommandSpec Spec => Catalog.MaintenanceList;

    public Reply Answer(BoardState state, ChatCommand command)
    {
        var l = Localizer.For(command.Culture);
        var now = time.GetUtcNow();
        var lines = state.Announcements.Scheduled.Where(m => m.End > now).Select(m => Line(m, state, l, now)).ToList();
        return new Reply
        {
            Title = l[nameof(Strings.Maintenance_ListTitle)],
            Lines = lines.Count == 0 ? [l[nameof(Strings.Maintenance_None)]] : [.. lines],
        };
    }

    /// <summary>"MNT-1 · Card processor upgrade · Dec 25, 02:00 UTC → 04:00 UTC · Billing".</summary>
    public static string Line(Maintenance m, BoardState state, Localizer l, DateTimeOffset now) =>
        l.Format(
            nameof(Strings.Maintenance_Line),
            m.Id,
            m.Title,
            l.Time(m.Start, now),
            l.Time(m.End, m.Start),
            l.List(m.Services.Select(state.ServiceName)));
}
