using StatusBot.Core.Commands;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Monitoring;

/// <summary>
/// Turns observations into board events. A service opens one automatic incident when it fails
/// <see cref="PolicyThresholds.FailureThreshold"/> times in a row (a flap shorter than that opens nothing, and a burst of
/// failures stays one incident), and that incident resolves after <see cref="PolicyThresholds.RecoveryThreshold"/> successes
/// in a row, unless a person has taken it over (a human update always wins). A conclusive observation (an alert) counts as
/// the whole threshold. Nothing opens while a maintenance expecting the service down is running. When the service depends
/// on an upstream reporting trouble, the cause is suspected: "&lt;upstream&gt; reports &lt;its incident&gt;". A monitoring gap
/// makes the service <c>unknown</c> until the next real observation. An automatic incident promises its first update after
/// <paramref name="updateInterval"/> (<c>Announcements:UpdateIntervalMinutes</c>, the same promise a person's incident makes;
/// 30 minutes when not given). Not thread-safe: run it on the board's writer (inside a decide function).
/// </summary>
public sealed class MonitoringPolicy(Func<string, PolicyThresholds> thresholdsOf, TimeSpan? updateInterval = null)
{
    private readonly TimeSpan _updateInterval = updateInterval ?? CommandSettings.Default.UpdateInterval;

    private readonly Dictionary<string, (int Failures, int Successes)> _streaks = new(StringComparer.Ordinal);

    public IReadOnlyList<BoardEvent> Decide(BoardState state, Observation o)
    {
        if (!state.Services.TryGetValue(o.ServiceId, out var service) || o.Outcome == ProbeOutcome.Unknown)
        {
            // A gap neither confirms nor clears an outage: the streaks wait for real observations.
            return [];
        }

        var events = Judge(state, service, o);
        return service.Status == ServiceStatus.Unknown && !events.OfType<ServiceStatusChanged>().Any(c => c.ServiceId == o.ServiceId)
            ? [EndGap(state, service, o), .. events]
            : events;
    }

    /// <summary>
    /// Decides several observations in order, each against the state the previous ones led to (two alerts for one service
    /// in one webhook open one incident, not two).
    /// </summary>
    public IReadOnlyList<BoardEvent> DecideAll(BoardState state, IEnumerable<Observation> observations)
    {
        var events = new List<BoardEvent>();
        foreach (var o in observations)
        {
            var decided = Decide(state, o);
            events.AddRange(decided);
            state = StateReducer.ApplyAll(state, decided);
        }

        return events;
    }

    /// <summary>
    /// Nobody has looked at the service for a while (the probe loop stalled, or the bot was down): its status becomes
    /// <c>unknown</c> rather than a stale "operational". A service with an open incident or under maintenance keeps what
    /// people were told, which claims nothing is up.
    /// </summary>
    public static IReadOnlyList<BoardEvent> Gap(BoardState state, string serviceId, DateTimeOffset at, string note) =>
        state.Services.TryGetValue(serviceId, out var s)
        && s.Status is not (ServiceStatus.Unknown or ServiceStatus.UnderMaintenance)
        && !state.OpenIncidentsFor(serviceId).Any()
            ? [new ServiceStatusChanged(Actor.System, at, serviceId, ServiceStatus.Unknown, note, null)]
            : [];

    /// <summary>The upstream's own words about an incident it caused go on that incident's timeline.</summary>
    public static IReadOnlyList<BoardEvent> UpstreamUpdates(BoardState state, UpstreamReport report) =>
    [
        .. state.OpenIncidents
            .Where(i => i.Cause?.UpstreamId == report.UpstreamId && report.IncidentName is not null)
            .Select(i => new IncidentUpdated(
                Actor.System,
                report.At,
                i.Id,
                i.Status,
                Localizer.For(Locales.English).Format(nameof(Strings.Announce_UpstreamUpdate), UpstreamName(state, report.UpstreamId), report.IncidentName, report.IncidentStatus ?? report.Indicator),
                UpdateKind.Upstream,
                i.NextUpdateDue)),
    ];

    private IReadOnlyList<BoardEvent> Judge(BoardState state, ServiceState service, Observation o)
    {
        var thresholds = thresholdsOf(o.ServiceId);
        var (failures, successes) = _streaks.GetValueOrDefault(o.ServiceId);
        (failures, successes) = (o.Outcome, o.Conclusive) switch
        {
            (ProbeOutcome.Up, false) => (0, successes + 1),
            (ProbeOutcome.Up, true) => (0, Math.Max(successes + 1, thresholds.RecoveryThreshold)),
            (_, false) => (failures + 1, 0),
            (_, true) => (Math.Max(failures + 1, thresholds.FailureThreshold), 0),
        };
        _streaks[o.ServiceId] = (failures, successes);
        var open = state.OpenIncidentsFor(o.ServiceId).LastOrDefault();
        if (failures >= thresholds.FailureThreshold && open is null && !InExpectedDownMaintenance(state, o))
        {
            return Open(state, service, o);
        }

        if (successes >= thresholds.RecoveryThreshold && open is { Automatic: true } && open.LastHumanUpdate is null)
        {
            var l = Localizer.For(Locales.English);
            return
            [
                new IncidentResolved(Actor.System, o.At, open.Id, l.Format(nameof(Strings.Announce_AutoRecovered), service.Name)),
                new ServiceStatusChanged(Actor.System, o.At, o.ServiceId, ServiceStatus.Operational, null, open.Id),
            ];
        }

        return [];
    }

    /// <summary>Someone looked again: the service gets back the status it had before the gap.</summary>
    private static ServiceStatusChanged EndGap(BoardState state, ServiceState service, Observation o)
    {
        var before = service.History.Count >= 2 ? service.History[^2].Status : ServiceStatus.Operational;
        var open = state.OpenIncidentsFor(service.Id).LastOrDefault();
        var status = open?.Services.FirstOrDefault(a => a.ServiceId == service.Id)?.Status ?? before;
        return new ServiceStatusChanged(Actor.System, o.At, service.Id, status == ServiceStatus.Unknown ? ServiceStatus.Operational : status, o.Detail, open?.Id);
    }

    private static bool InExpectedDownMaintenance(BoardState state, Observation o) =>
        state.Announcements.Maintenances.Values.Any(m => m.ExpectedDown && m.IsRunning(o.At) && m.Services.Contains(o.ServiceId));

    private IReadOnlyList<BoardEvent> Open(BoardState state, ServiceState service, Observation o)
    {
        var l = Localizer.For(Locales.English);
        var status = o.Outcome == ProbeOutcome.Degraded ? ServiceStatus.DegradedPerformance : ServiceStatus.MajorOutage;
        var impact = o.Outcome == ProbeOutcome.Degraded ? Impact.Minor : Impact.Major;
        var id = IncidentIds.Format(state.NextIncidentNumber);
        var upstream = service.Definition.DependsOn
            .Select(u => state.Announcements.Upstreams.GetValueOrDefault(u))
            .FirstOrDefault(r => r is not null && r.HasTrouble);
        var cause = upstream is null
            ? null
            : new Cause(
                l.Format(nameof(Strings.Monitor_UpstreamReports), UpstreamName(state, upstream.UpstreamId), upstream.IncidentName ?? upstream.Indicator),
                CauseConfidence.Suspected,
                upstream.UpstreamId);
        var message = l.Format(nameof(Strings.Announce_AutoOpened), service.Name, o.Detail);
        return
        [
            new IncidentOpened(Actor.System, o.At, id, message, impact, [new AffectedService(service.Id, status)], [], null, cause, o.At, o.At + _updateInterval, message, Automatic: true),
            new ServiceStatusChanged(Actor.System, o.At, service.Id, status, o.Detail, id),
        ];
    }

    private static string UpstreamName(BoardState state, string upstreamId) =>
        state.Upstreams.TryGetValue(upstreamId, out var u) ? u.Name : upstreamId;
}
