using System.Collections.Immutable;
using StatusBot.Core.Domain;

namespace StatusBot.Core.Events;

/// <summary>A maintenance window was scheduled.</summary>
public sealed record MaintenanceScheduled(Actor Actor, DateTimeOffset At, string MaintenanceId, string Title, ImmutableArray<string> Services, DateTimeOffset Start, DateTimeOffset End, bool ExpectedDown) : BoardEvent(Actor, At);
