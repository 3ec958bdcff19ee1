using System.Collections.Immutable;
using StatusBot.Core.Domain;

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

    public required long NextIncidentNumber { get; init; }

    /// <summary>How many events have been applied to reach this state.</summary>
    public required long Sequence { get; init; }

    /// <summary>When the board first started watching (null until then): uptime before this moment is unknown, not "up".</summary>
    public required DateTimeOffset? Epoch { get; init; }

    public required ServiceIndex Index { get; init; }

    public static BoardState Create(IEnumerable<ServiceDefinition> services, IEnumerable<UpstreamDefinition> upstreams)
    {
        var empty = new BoardState
        {
            Services = ImmutableDictionary<string, ServiceState>.Empty,
            ServiceOrder = [],
            Upstreams = ImmutableDictionary<string, UpstreamDefinition>.Empty,
            Incidents = ImmutableDictionary<string, Incident>.Empty,
            OpenIncidentIds = [],
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

    /// <summary>The open incident for the service, else the one that ended last.</summary>
    public Incident? CurrentOrLastIncidentFor(string serviceId) =>
        OpenIncidentsFor(serviceId).LastOrDefault()
        ?? Incidents.Values.Where(i => i.Affects(serviceId)).OrderByDescending(i => i.Milestones.Resolved ?? i.Milestones.Started).FirstOrDefault();

    public string ServiceName(string serviceId) => Services.TryGetValue(serviceId, out var s) ? s.Name : serviceId;
}
