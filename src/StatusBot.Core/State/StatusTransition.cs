using StatusBot.Core.Domain;

namespace StatusBot.Core.State;

/// <summary>From <see cref="At"/> on, the service had <see cref="Status"/>: the record that uptime is computed from.</summary>
public sealed record StatusTransition(DateTimeOffset At, ServiceStatus Status);
