using StatusBot.Core.Domain;

namespace StatusBot.Core.Events;

/// <summary>A service's status was set, by hand or because an incident opened or closed.</summary>
public sealed record ServiceStatusChanged(Actor Actor, DateTimeOffset At, string ServiceId, ServiceStatus Status, string? Note, string? IncidentId)
    : BoardEvent(Actor, At);
