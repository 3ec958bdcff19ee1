using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Core.Commands.Handlers;

/// <summary>Handles <c>history [days]</c>: incidents of the last days (14 by default), newest first, with durations.</summary>
public sealed class HistoryHandler(TimeProvider time) : IQueryHandler
{
    private const int DefaultDays = 14;
    private const int MaxListed = 25;

    public CommandSpec Spec => Catalog.History;

    public Reply Answer(BoardState state, ChatCommand command)
    {
        var l = Localizer.For(command.Culture);
        var now = time.GetUtcNow();
        var days = (int)(command.Integer("days") ?? DefaultDays);
        var from = now.AddDays(-days);
        var incidents = state.Incidents.Values
            .Where(i => !i.IsResolved || i.Milestones.Started >= from || i.Milestones.Resolved >= from)
            .OrderByDescending(i => i.Milestones.Started)
            .ToList();
        if (incidents.Count == 0)
        {
            return new Reply { Title = l.Format(nameof(Strings.History_None), days), Severity = Severity.Success };
        }

        var lines = incidents.Take(MaxListed).Select(i =>
        {
            var icon = i.IsResolved ? "✅" : StatusViews.Icon(StatusViews.AffectedStatus(i, state));
            var span = i.IsResolved
                ? l.Format(nameof(Strings.History_Lasted), l.Duration(i.Duration(now)))
                : l.Format(nameof(Strings.History_Ongoing), l.Duration(i.Duration(now)));
            return $"{icon} {StatusViews.IncidentName(i, state, l)} — {l.Time(i.Milestones.Started, now)} · {span}";
        }).ToList();
        if (incidents.Count > MaxListed)
        {
            lines.Add(l.Format(nameof(Strings.History_More), incidents.Count - MaxListed));
        }

        var total = incidents.Aggregate(TimeSpan.Zero, (sum, i) => sum + i.Duration(now));
        return new Reply
        {
            Title = l.Plural(nameof(Strings.History_Title), incidents.Count, days),
            Lines = [.. lines],
            Footer = l.Format(nameof(Strings.History_Total), l.Duration(total)),
            Timestamp = now,
        };
    }
}
