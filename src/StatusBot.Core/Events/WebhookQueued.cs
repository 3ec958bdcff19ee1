using StatusBot.Core.Domain;
using StatusBot.Core.Webhooks;

namespace StatusBot.Core.Events;

/// <summary>
/// A change was put in the webhook outbox, once for every endpoint (each endpoint's outcome goes to the delivery ledger):
/// durable before anything is sent, so a restart sends it again with the same <c>webhook-id</c>.
/// </summary>
public sealed record WebhookQueued(Actor Actor, DateTimeOffset At, WebhookMessage Message) : BoardEvent(Actor, At);
