using StatusBot.Core.Domain;

namespace StatusBot.Core.Events;

/// <summary>A webhook endpoint failed every delivery for a day: nothing more is sent to it until it is added again.</summary>
public sealed record WebhookEndpointDisabled(Actor Actor, DateTimeOffset At, string EndpointId, string Reason) : BoardEvent(Actor, At);
