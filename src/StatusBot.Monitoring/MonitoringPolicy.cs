using StatusBot.Core.Commands;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Monitoring;

/// <summary>
/// Turns observations into board events. A service opens one automatic incident when it fails
/// <see cref="PolicyThresholds.FailureThreshold"/> times in a row (a flap shorter than that opens nothing, and a burst of
/// failures stays one incident), and that incident resolves after <see cref="PolicyThresholds.RecoveryThreshold"/> successes
/// in a row, unless a person has taken it over (a human update always wins). A conclusive observation (an alert) counts as
/// the whole threshold. Nothing opens while a maintenance expecting the service down is running.
/// <para>
/// One outage is one incident: a failing service joins an open automatic incident that shares a dependency with it when
/// that upstream reports trouble, or when the incident opened less than <see cref="MonitoringSettings.CorrelationWindow"/>
/// ago. A service of such an incident that comes back is an update ("Website is back; Streaming and API are still
/// affected"); the incident resolves when every service is back, unless a person has updated it. Incidents people opened
/// are never joined, and a service never leaves the incident it is in.
/// </para>
/// <para>
/// Titles and timeline sentences are a customer's words ("Streaming is unavailable"); what the probe or alert saw goes to
/// the incident's internal notes. When the service depends on an upstream reporting trouble, the cause is suspected:
/// "&lt;upstream&gt; reports &lt;its incident&gt;". The incident keeps the evidence per upstream (our checks failed at, the
/// provider acknowledged at), and notes an upstream still silent after <see cref="MonitoringSettings.UpstreamSilence"/>.
/// A monitoring gap makes the service <c>unknown</c> until the next real observation. An automatic incident promises its
/// first update after <paramref name="updateInterval"/> (<c>Announcements:UpdateIntervalMinutes</c>, the same promise a
/// person's incident makes; 30 minutes when not given). Not thread-safe: run it on the board's writer (inside a decide
/// function).
/// </para>
/// </summary>
public sealed class MonitoringPolicy(Func<string, PolicyThresholds> thresholdsOf, TimeSpan? updateInterval = null, MonitoringSettings? settings = null)
{
    private readonly TimeSpan _updateInterval = updateInterval ?? CommandSettings.Default.UpdateInterval;

    private readonly MonitoringSettings _settings = settings ?? new MonitoringSettings();

    private readonly Dictionary<string, (int Failures, int Successes, DateTimeOffset FirstFailure)> _streaks = new(StringComparer.Ordinal);

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

    /// <summary>
    /// An upstream started reporting trouble after dependent services' automatic incidents opened: each such incident
    /// records when the provider acknowledged, gets the suspected cause (unless a person stated one), and an update with
    /// the provider's words and how late they came. When the upstream reports the trouble over, the evidence of every
    /// incident it acknowledged (open or since resolved) records that too.
    /// </summary>
    public static IReadOnlyList<BoardEvent> Attribution(BoardState state, UpstreamReport report)
    {
        var last = state.Announcements.Upstreams.GetValueOrDefault(report.UpstreamId);
        var wasTroubled = last?.HasTrouble == true;
        var events = new List<BoardEvent>();
        if (report.HasTrouble && !wasTroubled)
        {
            var name = UpstreamName(state, report.UpstreamId);
            var l = Localizer.For(Locales.English);
            foreach (var incident in state.OpenIncidents.Where(i => i.Automatic))
            {
                if (incident.EvidenceFor(report.UpstreamId) is not { AcknowledgedAt: null } evidence)
                {
                    continue;
                }

                var said = report.IncidentName ?? report.Indicator;
                events.Add(new IncidentEvidenceRecorded(Actor.System, report.At, incident.Id, evidence with { AcknowledgedAt = report.At, ProviderTitle = report.IncidentName }));
                if (incident.Cause is null && !incident.CauseSetByPerson)
                {
                    events.Add(new IncidentCauseChanged(
                        Actor.System,
                        report.At,
                        incident.Id,
                        new Cause(l.Format(nameof(Strings.Monitor_UpstreamReports), name, said), CauseConfidence.Suspected, report.UpstreamId)));
                }

                var (message, phrase) = AutomaticWords.Say(
                    nameof(Strings.Announce_UpstreamNowReports),
                    PhraseArg.Of(name),
                    PhraseArg.Of(said),
                    PhraseArg.Span(report.At - evidence.ChecksFailedAt));
                events.Add(new IncidentUpdated(Actor.System, report.At, incident.Id, incident.Status, message, UpdateKind.Upstream, incident.NextUpdateDue, phrase));
            }
        }
        else if (!report.HasTrouble && wasTroubled)
        {
            events.AddRange(state.Incidents.Values
                .Where(i => i.EvidenceFor(report.UpstreamId) is { AcknowledgedAt: not null, ResolvedAt: null })
                .OrderBy(i => i.Number)
                .Select(i => new IncidentEvidenceRecorded(Actor.System, report.At, i.Id, i.EvidenceFor(report.UpstreamId)! with { ResolvedAt = report.At })));
        }

        return events;
    }

    private IReadOnlyList<BoardEvent> Judge(BoardState state, ServiceState service, Observation o)
    {
        var thresholds = thresholdsOf(o.ServiceId);
        var (failures, successes, firstFailure) = _streaks.GetValueOrDefault(o.ServiceId);
        (failures, successes) = (o.Outcome, o.Conclusive) switch
        {
            (ProbeOutcome.Up, false) => (0, successes + 1),
            (ProbeOutcome.Up, true) => (0, Math.Max(successes + 1, thresholds.RecoveryThreshold)),
            (_, false) => (failures + 1, 0),
            (_, true) => (Math.Max(failures + 1, thresholds.FailureThreshold), 0),
        };
        firstFailure = failures == 0 ? default : failures == 1 || firstFailure == default ? o.At : firstFailure;
        _streaks[o.ServiceId] = (failures, successes, firstFailure);
        var open = state.OpenIncidentsFor(o.ServiceId).LastOrDefault();
        if (failures >= thresholds.FailureThreshold && !InExpectedDownMaintenance(state, o))
        {
            if (open is null)
            {
                return JoinOrOpen(state, service, o, firstFailure);
            }

            if (open is { Automatic: true } && open.LastHumanUpdate is null && open.Services.First(a => a.ServiceId == o.ServiceId).RecoveredAt is not null)
            {
                return Join(state, open, service, o, firstFailure, again: true);
            }

            return Silence(state, open, o.At);
        }

        if (successes >= thresholds.RecoveryThreshold && open is { Automatic: true })
        {
            return Recover(state, open, service, o);
        }

        return [];
    }

    /// <summary>
    /// The service is back: the incident says who is still affected, or resolves when every service is back. Once a person
    /// has updated the incident, the resolution is theirs: the last service coming back changes nothing.
    /// </summary>
    private static IReadOnlyList<BoardEvent> Recover(BoardState state, Incident open, ServiceState service, Observation o)
    {
        var still = open.StillAffected.Where(a => a.ServiceId != service.Id).Select(a => state.ServiceName(a.ServiceId)).ToList();
        if (open.Services.First(a => a.ServiceId == service.Id).RecoveredAt is not null || (still.Count == 0 && open.LastHumanUpdate is not null))
        {
            return [];
        }

        var back = new ServiceStatusChanged(Actor.System, o.At, service.Id, ServiceStatus.Operational, null, open.Id);
        var note = new IncidentNoteAdded(Actor.System, o.At, open.Id, $"{service.Name}: {o.Detail}");
        if (still.Count == 0)
        {
            return [note, new IncidentResolved(Actor.System, o.At, open.Id, null), back];
        }

        var (message, phrase) = AutomaticWords.Say(
            still.Count == 1 ? nameof(Strings.Auto_BackStill_One) : nameof(Strings.Auto_BackStill),
            PhraseArg.Names([service.Name]),
            PhraseArg.Names(still));
        return [note, new IncidentServiceRecovered(Actor.System, o.At, open.Id, service.Id, message, phrase), back];
    }

    /// <summary>
    /// The open automatic incident this failure belongs to: one sharing a dependency whose upstream reports trouble, else
    /// one sharing any dependency that opened within the correlation window. Incidents people opened are never joined.
    /// </summary>
    private Incident? Correlated(BoardState state, ServiceState service, DateTimeOffset at)
    {
        var deps = service.Definition.DependsOn;
        if (deps.Count == 0)
        {
            return null;
        }

        var candidates = state.OpenIncidents
            .Where(i => i.Automatic)
            .Select(i => (Incident: i, Shared: i.Services.SelectMany(a => state.Services.TryGetValue(a.ServiceId, out var s) ? s.Definition.DependsOn : []).Intersect(deps, StringComparer.Ordinal).ToList()))
            .Where(c => c.Shared.Count > 0)
            .ToList();
        return candidates.LastOrDefault(c => c.Shared.Any(u => state.Announcements.Upstreams.GetValueOrDefault(u)?.HasTrouble == true)).Incident
            ?? candidates.LastOrDefault(c => at - c.Incident.Milestones.Detected < _settings.CorrelationWindow).Incident;
    }

    private IReadOnlyList<BoardEvent> JoinOrOpen(BoardState state, ServiceState service, Observation o, DateTimeOffset firstFailure) =>
        Correlated(state, service, o.At) is { } incident
            ? Join(state, incident, service, o, firstFailure, again: false)
            : Open(state, service, o, firstFailure);

    private static List<BoardEvent> Join(BoardState state, Incident incident, ServiceState service, Observation o, DateTimeOffset firstFailure, bool again)
    {
        var status = StatusOf(o);
        var affected = new AffectedService(service.Id, status);
        var services = incident.Services.Any(a => a.ServiceId == service.Id)
            ? incident.Services.Select(a => a.ServiceId == service.Id ? (a.Status.Severity() >= status.Severity() ? a : affected) : a)
            : incident.Services.Append(affected);
        var title = AutomaticWords.Title(services, state, Localizer.For(Locales.English));
        var (message, phrase) = AutomaticWords.Say(again ? nameof(Strings.Auto_Again) : nameof(Strings.Auto_Joined), PhraseArg.Names([service.Name]));
        var events = new List<BoardEvent>
        {
            new IncidentServiceAdded(Actor.System, o.At, incident.Id, affected, ImpactOf(o), title, message, phrase),
            new IncidentNoteAdded(Actor.System, o.At, incident.Id, $"{service.Name}: {o.Detail}"),
        };
        events.AddRange(service.Definition.DependsOn
            .Where(u => state.Upstreams.ContainsKey(u) && incident.EvidenceFor(u) is null)
            .Select(u => new IncidentEvidenceRecorded(Actor.System, o.At, incident.Id, EvidenceAtStart(state, u, firstFailure))));
        events.Add(new ServiceStatusChanged(Actor.System, o.At, service.Id, status, null, incident.Id));
        return events;
    }

    /// <summary>
    /// Each dependency still reporting no problem after the silence delay is noted once (the admin channel hears of it);
    /// checked on every failure the incident's services keep reporting.
    /// </summary>
    private IReadOnlyList<BoardEvent> Silence(BoardState state, Incident open, DateTimeOffset at) =>
    [
        .. open.Evidence
            .Where(e => e.AcknowledgedAt is null && e.SilenceNotedAt is null && at - e.ChecksFailedAt >= _settings.UpstreamSilence)
            .Where(e => state.Announcements.Upstreams.GetValueOrDefault(e.UpstreamId)?.HasTrouble != true)
            .SelectMany(e => new BoardEvent[]
            {
                new IncidentEvidenceRecorded(Actor.System, at, open.Id, e with { SilenceNotedAt = at }),
                new IncidentNoteAdded(Actor.System, at, open.Id, Localizer.For(Locales.English).Format(nameof(Strings.Announce_UpstreamSilentTitle), UpstreamName(state, e.UpstreamId))),
            }),
    ];

    private static UpstreamEvidence EvidenceAtStart(BoardState state, string upstreamId, DateTimeOffset firstFailure) =>
        state.Announcements.Upstreams.GetValueOrDefault(upstreamId) is { HasTrouble: true } report
            ? new UpstreamEvidence(upstreamId, firstFailure, report.At, report.IncidentName, null, null)
            : new UpstreamEvidence(upstreamId, firstFailure, null, null, null, null);

    private static ServiceStatus StatusOf(Observation o) => o.Outcome == ProbeOutcome.Degraded ? ServiceStatus.DegradedPerformance : ServiceStatus.MajorOutage;

    /// <summary>The impact named by the status the failure gives the service (Statuspage's mapping: an outage is critical).</summary>
    private static Impact ImpactOf(Observation o) => StatusOf(o).ToImpact();

    /// <summary>Someone looked again: the service gets back the status it had before the gap.</summary>
    private static ServiceStatusChanged EndGap(BoardState state, ServiceState service, Observation o)
    {
        var before = service.History.Count >= 2 ? service.History[^2].Status : ServiceStatus.Operational;
        var open = state.OpenIncidentsFor(service.Id).LastOrDefault();
        var status = open?.Services.FirstOrDefault(a => a.ServiceId == service.Id && a.RecoveredAt is null)?.Status ?? before;
        return new ServiceStatusChanged(Actor.System, o.At, service.Id, status == ServiceStatus.Unknown ? ServiceStatus.Operational : status, null, open?.Id);
    }

    private static bool InExpectedDownMaintenance(BoardState state, Observation o) =>
        state.Announcements.Maintenances.Values.Any(m => m.ExpectedDown && m.IsRunning(o.At) && m.Services.Contains(o.ServiceId));

    private IReadOnlyList<BoardEvent> Open(BoardState state, ServiceState service, Observation o, DateTimeOffset firstFailure)
    {
        var l = Localizer.For(Locales.English);
        var status = StatusOf(o);
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
        var (title, phrase) = AutomaticWords.Say(
            status == ServiceStatus.DegradedPerformance ? nameof(Strings.Auto_Slow_One) : nameof(Strings.Auto_Unavailable_One),
            PhraseArg.Names([service.Name]));
        var started = firstFailure == default || firstFailure > o.At ? o.At : firstFailure;
        return
        [
            new IncidentOpened(Actor.System, o.At, id, title, ImpactOf(o), [new AffectedService(service.Id, status)], [], null, cause, started, o.At + _updateInterval, null, Automatic: true, phrase),
            new IncidentNoteAdded(Actor.System, o.At, id, $"{service.Name}: {o.Detail}"),
            .. service.Definition.DependsOn
                .Where(state.Upstreams.ContainsKey)
                .Select(u => new IncidentEvidenceRecorded(Actor.System, o.At, id, EvidenceAtStart(state, u, started))),
            new ServiceStatusChanged(Actor.System, o.At, service.Id, status, null, id),
        ];
    }

    private static string UpstreamName(BoardState state, string upstreamId) =>
        state.Upstreams.TryGetValue(upstreamId, out var u) ? u.Name : upstreamId;
}
