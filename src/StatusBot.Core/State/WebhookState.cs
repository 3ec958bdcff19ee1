using System.Collections.Immutable;
using StatusBot.Core.Webhooks;

namespace StatusBot.Core.State;

/// <summary>
/// Outbound webhooks: the endpoints, the messages of the last day not yet sent to all of them (their outcomes are in the
/// delivery ledger), and how far each incident and service was queued. <see cref="Since"/> is when the first endpoint was
/// added: changes before it are never queued.
/// </summary>
public sealed record WebhookState(
    ImmutableDictionary<string, WebhookEndpoint> Endpoints,
    ImmutableDictionary<string, WebhookMessage> Outbox,
    ImmutableDictionary<string, int> IncidentVersions,
    ImmutableDictionary<string, int> ServiceVersions,
    DateTimeOffset? Since)
{
    /// <summary>How long a message stays in the outbox: a day of retries, and an hour more to disable who failed it.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(25);

    public static WebhookState Empty { get; } = new(
        ImmutableDictionary<string, WebhookEndpoint>.Empty,
        ImmutableDictionary<string, WebhookMessage>.Empty,
        ImmutableDictionary<string, int>.Empty,
        ImmutableDictionary<string, int>.Empty,
        null);

    public IEnumerable<WebhookEndpoint> ActiveEndpoints => Endpoints.Values.Where(e => e.IsActive).OrderBy(e => e.Id, StringComparer.Ordinal);

    /// <summary>Every (message, endpoint) owed: the endpoint is active, was there when the change was queued, and wants its services.</summary>
    public IEnumerable<(WebhookMessage Message, WebhookEndpoint Endpoint)> Owed() =>
        from m in Outbox.Values
        from e in ActiveEndpoints
        where e.AddedAt <= m.At && e.Wants(m.Services)
        select (m, e);
}
