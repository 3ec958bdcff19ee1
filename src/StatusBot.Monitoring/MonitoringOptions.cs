namespace StatusBot.Monitoring;

/// <summary>The parts of the <c>StatusBot</c> section monitoring reads: each service's <c>Probe</c>.</summary>
public sealed class MonitoringOptions
{
    public const string Section = "StatusBot";

    public List<MonitoredService> Services { get; set; } = [];

    public PolicyThresholds ThresholdsOf(string serviceId) =>
        Services.FirstOrDefault(s => s.Id == serviceId)?.Probe is { } p
            ? new PolicyThresholds(Math.Max(1, p.FailureThreshold), Math.Max(1, p.RecoveryThreshold))
            : new PolicyThresholds();
}
