using StatusBot.Core.Commands.Handlers;
using StatusBot.Core.State;

namespace StatusBot.Host.Web.Pages;

/// <summary>One day of a service's 90-day bar: how much of it was up, whether anyone was watching, and whether an incident touched it.</summary>
internal sealed record UptimeDay(DateOnly Day, double? Ratio, bool HadIncident)
{
    public string CssClass => Ratio switch
    {
        null => "day-unknown",
        >= 1 when !HadIncident => "day-ok",
        >= 0.99 => "day-minor",
        >= 0.9 => "day-major",
        _ => "day-critical",
    };

    /// <summary>The service's last <paramref name="days"/> days, oldest first, and the overall uptime (null when nothing was observed).</summary>
    public static (List<UptimeDay> Days, double? Overall) For(ServiceState service, BoardState state, DateTimeOffset now, int days = 90)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var incidentSpans = state.Incidents.Values
            .Where(i => i.Affects(service.Id) && (i.Milestones.Resolved ?? now) >= now.AddDays(-days))
            .Select(i => (Start: i.Milestones.Started, End: i.Milestones.Resolved ?? now))
            .ToList();
        var result = new List<UptimeDay>(days);
        var observed = TimeSpan.Zero;
        var down = TimeSpan.Zero;
        for (var d = days - 1; d >= 0; d--)
        {
            var day = today.AddDays(-d);
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var end = d == 0 ? now : start.AddDays(1);
            var uptime = Uptime.Compute(service.History, state.Epoch, start, end);
            observed += uptime.Observed;
            down += uptime.Down;
            var incident = incidentSpans.Any(s => s.Start < end && s.End >= start);
            result.Add(new UptimeDay(day, uptime.Observed > TimeSpan.Zero ? uptime.Ratio : null, incident));
        }

        return (result, observed > TimeSpan.Zero ? 1 - (down / observed) : null);
    }
}
