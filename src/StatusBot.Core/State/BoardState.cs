using System.Collections.Immutable;
using StatusBot.Core.Domain;
using StatusBot.Core.Following;

namespace StatusBot.Core.State;

/// <summary>
/// Everything the bot knows, as one immutable value. The writer replaces it as a whole after each commit; readers take it
/// with one volatile read and never lock.
/// </summary>
public sealed record BoardState
{
    public required ImmutableDictionary<string, ServiceState> Services { get; init; }

    /// <summary>Service ids in the configured order, for listings.</summary>
    public required ImmutableArray<string> ServiceOrder { get; init; }

    public required ImmutableDictionary<string, UpstreamDefinition> Upstreams { get; init; }

    public required ImmutableDictionary<string, Incident> Incidents { get; init; }

    /// <summary>Ids of incidents not yet resolved, oldest first.</summary>
    public required ImmutableList<string> OpenIncidentIds { get; init; }

    /// <summary>For each service, the id of the newest incident that affected it (so "why" needs no scan of the history).</summary>
    public required ImmutableDictionary<string, string> LatestIncidentByService { get; init; }

    public required long NextIncidentNumber { get; init; }

    /// <summary>How many events have been applied to reach this state.</summary>
    public required long Sequence { get; init; }

    /// <summary>When the board first started watching (null until then): uptime before this moment is unknown, not "up".</summary>
    public required DateTimeOffset? Epoch { get; init; }

    public required ServiceIndex Index { get; init; }

    /// <summary>Channels, maintenance windows, upstream reports, the announcement outbox and the posted status cards.</summary>
    public AnnouncementState Announcements { get; init; } = AnnouncementState.Empty;

    /// <summary>Outbound webhook endpoints and the changes not yet sent to all of them.</summary>
    public WebhookState Webhooks { get; init; } = WebhookState.Empty;

    /// <summary>Who follows which service by direct message, and the follower fan-outs not settled yet.</summary>
    public FollowState Following { get; init; } = FollowState.Empty;

    /// <summary>Drafts of public posts and the admins' decisions on them.</summary>
    public PublicationState Publications { get; init; } = PublicationState.Empty;

    public static BoardState Create(IEnumerable<ServiceDefinition> services, IEnumerable<UpstreamDefinition> upstreams)
    {
        var empty = new BoardState
        {
            Services = ImmutableDictionary<string, ServiceState>.Empty,
            ServiceOrder = [],
            Upstreams = ImmutableDictionary<string, UpstreamDefinition>.Empty,
            Incidents = ImmutableDictionary<string, Incident>.Empty,
            OpenIncidentIds = [],
            LatestIncidentByService = ImmutableDictionary<string, string>.Empty,
            NextIncidentNumber = 1,
            Sequence = 0,
            Epoch = null,
            Index = new ServiceIndex([]),
        };
        return empty.WithDefinitions(services, upstreams);
    }

    /// <summary>
    /// Takes service and upstream definitions from configuration: known services keep their status and history, new ones
    /// start operational, removed ones leave the listing (their incidents stay).
    /// </summary>
    public BoardState WithDefinitions(IEnumerable<ServiceDefinition> services, IEnumerable<UpstreamDefinition> upstreams)
    {
        var defs = services.ToList();
        var builder = ImmutableDictionary.CreateBuilder<string, ServiceState>();
        foreach (var d in defs)
        {
            builder[d.Id] = Services.TryGetValue(d.Id, out var existing) ? existing with { Definition = d } : ServiceState.Create(d, Epoch);
        }

        return this with
        {
            Services = builder.ToImmutable(),
            ServiceOrder = [.. defs.Select(d => d.Id)],
            Upstreams = upstreams.ToImmutableDictionary(u => u.Id),
            Index = new ServiceIndex(defs),
        };
    }

    public IEnumerable<ServiceState> OrderedServices => ServiceOrder.Select(id => Services[id]);

    public IEnumerable<Incident> OpenIncidents => OpenIncidentIds.Select(id => Incidents[id]);

    public ServiceState? FindService(string? text) => Index.Find(text) is { } id && Services.TryGetValue(id, out var s) ? s : null;

    public Incident? FindIncident(string id) => Incidents.GetValueOrDefault(id);

    public IEnumerable<Incident> OpenIncidentsFor(string serviceId) => OpenIncidents.Where(i => i.Affects(serviceId));

    /// <summary>The newest open incident for the service, else the newest one that affected it.</summary>
    public Incident? CurrentOrLastIncidentFor(string serviceId) =>
        OpenIncidentsFor(serviceId).LastOrDefault()
        ?? (LatestIncidentByService.TryGetValue(serviceId, out var id) ? Incidents.GetValueOrDefault(id) : null);

    /// <summary>The most recently opened incident, if any.</summary>
    public Incident? LatestIncident => Incidents.GetValueOrDefault(IncidentIds.Format(NextIncidentNumber - 1));

    /// <summary>Rebuilds <see cref="LatestIncidentByService"/> from the incidents (after loading a snapshot).</summary>
    public static ImmutableDictionary<string, string> IndexLatest(IEnumerable<Incident> incidents) =>
        incidents
            .SelectMany(i => i.Services.Select(s => (s.ServiceId, Incident: i)))
            .GroupBy(x => x.ServiceId)
            .ToImmutableDictionary(g => g.Key, g => g.MaxBy(x => x.Incident.Number).Incident.Id);

    public string ServiceName(string serviceId) => Services.TryGetValue(serviceId, out var s) ? s.Name : serviceId;
}
