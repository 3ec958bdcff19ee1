namespace StatusBot.Core.Domain;

/// <summary>A service's status, in Statuspage's vocabulary, plus <see cref="Unknown"/> for monitoring gaps.</summary>
public enum ServiceStatus
{
    Operational,
    DegradedPerformance,
    PartialOutage,
    MajorOutage,
    UnderMaintenance,
    Unknown,
}
