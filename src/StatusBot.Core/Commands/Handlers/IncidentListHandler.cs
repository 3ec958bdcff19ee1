using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Core.Commands.Handlers;

/// <summary>Handles <c>incident list</c>: the open incidents.</summary>
public sealed class IncidentListHandler(TimeProvider time) : IQueryHandler
{
    public CommandSpec Spec => Catalog.IncidentList;

    public Reply Answer(BoardState state, ChatCommand command)
    {
        var l = Localizer.For(command.Culture);
        var now = time.GetUtcNow();
        var open = state.OpenIncidents.ToList();
        if (open.Count == 0)
        {
            return new Reply { Title = l[nameof(Strings.IncidentList_None)], Severity = Severity.Success, Timestamp = now };
        }

        return new Reply
        {
            Title = l.Plural(nameof(Strings.IncidentList_Title), open.Count),
            Severity = open.Select(StatusViews.SeverityOf).Max(),
            Fields = [.. open.Select(i => new ReplyField(StatusViews.IncidentName(i, state, l), string.Join('\n', StatusViews.IncidentSummary(i, state, l, now, detailed: false))))],
            Actions = [.. open.Select(i => StatusHandler.TimelineAction(i, l))],
            Timestamp = now,
        };
    }
}
