using System.Collections.Immutable;
using StatusBot.Core.Domain;

namespace StatusBot.Core.State;

/// <summary>A service as it is now: its definition, status, since when, the last note, and its status history.</summary>
public sealed record ServiceState(
    ServiceDefinition Definition,
    ServiceStatus Status,
    DateTimeOffset Since,
    string? Note,
    ImmutableList<StatusTransition> History)
{
    public string Id => Definition.Id;

    public string Name => Definition.Name;

    /// <summary>A service nobody has reported on yet: operational (as on Statuspage) since the board began watching.</summary>
    public static ServiceState Create(ServiceDefinition definition, DateTimeOffset? epoch) =>
        new(definition, ServiceStatus.Operational, epoch ?? DateTimeOffset.UnixEpoch, null, []);
}
