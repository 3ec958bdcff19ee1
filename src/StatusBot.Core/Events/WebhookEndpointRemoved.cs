using StatusBot.Core.Domain;

namespace StatusBot.Core.Events;

/// <summary>A webhook endpoint was removed: nothing more is sent to it.</summary>
public sealed record WebhookEndpointRemoved(Actor Actor, DateTimeOffset At, string EndpointId) : BoardEvent(Actor, At);
