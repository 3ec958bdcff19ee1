namespace StatusBot.Core.Domain;

/// <summary>
/// A service an incident affects, with the status the incident gives it, and when it came back while the incident
/// stayed open for others (null while it is still affected).
/// </summary>
public sealed record AffectedService(string ServiceId, ServiceStatus Status)
{
    public DateTimeOffset? RecoveredAt { get; init; }
}
