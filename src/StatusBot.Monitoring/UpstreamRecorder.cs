using StatusBot.Core.Board;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.State;

namespace StatusBot.Monitoring;

/// <summary>
/// The one way every upstream input (summary poll, RSS/Atom feed, Statuspage webhook) records what an upstream says: an
/// <see cref="UpstreamStatusChanged"/> when the indicator or the incident changed, plus the upstream's words on the
/// timeline of the incidents it is suspected of causing, and the attribution of the automatic incidents that opened before
/// it spoke (<see cref="MonitoringPolicy.Attribution"/>). The same report twice records nothing.
/// </summary>
public static class UpstreamRecorder
{
    public static Decision Decide(BoardState state, UpstreamReport report)
    {
        if (!state.Upstreams.ContainsKey(report.UpstreamId))
        {
            return Decision.NoChange;
        }

        var last = state.Announcements.Upstreams.GetValueOrDefault(report.UpstreamId);
        if (last is not null && last.Indicator == report.Indicator && last.IncidentName == report.IncidentName && last.IncidentStatus == report.IncidentStatus)
        {
            return Decision.NoChange;
        }

        return Decision.Apply(
        [
            new UpstreamStatusChanged(Actor.System, report.At, report.UpstreamId, report.Indicator, report.IncidentName, report.IncidentStatus),
            .. MonitoringPolicy.UpstreamUpdates(state, report),
            .. MonitoringPolicy.Attribution(state, report),
        ]);
    }

    /// <summary>Statuspage's component statuses as a page indicator: the worst one wins.</summary>
    public static string IndicatorOf(IEnumerable<string> componentStatuses)
    {
        var statuses = componentStatuses.ToList();
        return statuses.Contains("major_outage") ? "critical"
            : statuses.Contains("partial_outage") ? "major"
            : statuses.Any(s => s is "degraded_performance" or "under_maintenance") ? "minor"
            : "none";
    }
}
