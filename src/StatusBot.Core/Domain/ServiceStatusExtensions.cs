namespace StatusBot.Core.Domain;

/// <summary>Ordering and mapping rules between statuses and impacts (Statuspage's own rules).</summary>
public static class ServiceStatusExtensions
{
    /// <summary>How bad a status is, for picking the worst of several: maintenance and unknown rank between degraded and outages.</summary>
    public static int Severity(this ServiceStatus status) => status switch
    {
        ServiceStatus.Operational => 0,
        ServiceStatus.UnderMaintenance => 1,
        ServiceStatus.Unknown => 2,
        ServiceStatus.DegradedPerformance => 3,
        ServiceStatus.PartialOutage => 4,
        ServiceStatus.MajorOutage => 5,
        _ => 0,
    };

    public static bool IsProblem(this ServiceStatus status) =>
        status is ServiceStatus.DegradedPerformance or ServiceStatus.PartialOutage or ServiceStatus.MajorOutage;

    /// <summary>The service status an incident of this impact gives the services it affects (Statuspage's mapping, inverted).</summary>
    public static ServiceStatus ToServiceStatus(this Impact impact) => impact switch
    {
        Impact.Critical => ServiceStatus.MajorOutage,
        Impact.Major => ServiceStatus.PartialOutage,
        Impact.Minor => ServiceStatus.DegradedPerformance,
        _ => ServiceStatus.Operational,
    };

    /// <summary>The impact a service status implies (Statuspage: major outage is critical, partial is major, degraded is minor).</summary>
    public static Impact ToImpact(this ServiceStatus status) => status switch
    {
        ServiceStatus.MajorOutage => Impact.Critical,
        ServiceStatus.PartialOutage => Impact.Major,
        ServiceStatus.DegradedPerformance => Impact.Minor,
        _ => Impact.None,
    };

    /// <summary>
    /// The share of a period counted as down when computing uptime: Statuspage counts a major outage fully and a
    /// partial outage at 30%; degraded performance and maintenance count as up.
    /// </summary>
    public static double DowntimeWeight(this ServiceStatus status) => status switch
    {
        ServiceStatus.MajorOutage => 1.0,
        ServiceStatus.PartialOutage => 0.3,
        _ => 0.0,
    };
}
