using StatusBot.Core.Domain;

namespace StatusBot.Core.Events;

/// <summary>A maintenance window was cancelled.</summary>
public sealed record MaintenanceCancelled(Actor Actor, DateTimeOffset At, string MaintenanceId) : BoardEvent(Actor, At);
