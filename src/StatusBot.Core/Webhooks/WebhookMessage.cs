using System.Collections.Immutable;

namespace StatusBot.Core.Webhooks;

/// <summary>
/// One change to tell webhook endpoints about, durable before anything is sent: its <see cref="Id"/> is the
/// <c>webhook-id</c> of every attempt to every endpoint, <see cref="Payload"/> the JSON body (Statuspage's webhook shape),
/// <see cref="Services"/> the services it concerns (for the endpoints' filters). <see cref="Kind"/> is <c>incident</c> or
/// <c>component</c>; <see cref="Subject"/> the incident or service id and <see cref="Version"/> the incident's timeline
/// length or the service's count of status changes it brings the endpoints to.
/// </summary>
public sealed record WebhookMessage(
    string Id,
    string Kind,
    string Subject,
    int Version,
    ImmutableArray<string> Services,
    DateTimeOffset At,
    string Payload);
