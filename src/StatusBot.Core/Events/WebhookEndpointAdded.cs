using System.Collections.Immutable;
using StatusBot.Core.Domain;

namespace StatusBot.Core.Events;

/// <summary>
/// A webhook endpoint was added (admin API) or taken from the configuration (<paramref name="Source"/> <c>api</c> or
/// <c>config</c>); the same id again replaces it (a secret or filter changed in the configuration) and enables it again.
/// </summary>
public sealed record WebhookEndpointAdded(Actor Actor, DateTimeOffset At, string EndpointId, string Url, string Secret, ImmutableArray<string> Services, string Source)
    : BoardEvent(Actor, At);
