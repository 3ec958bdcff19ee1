namespace StatusBot.Monitoring;

/// <summary>The parts of the <c>StatusBot</c> section monitoring reads: each service's <c>Probe</c>, each upstream's polling.</summary>
public sealed class MonitoringOptions
{
    public const string Section = "StatusBot";

    /// <summary>A probed service with no result for this many probe intervals (plus its timeout) is <c>unknown</c>.</summary>
    public const int GapIntervals = 3;

    public List<MonitoredService> Services { get; set; } = [];

    public List<MonitoredUpstream> Upstreams { get; set; } = [];

    /// <summary><c>StatusBot:Web</c>, for its <c>PublicUrl</c>: the address upstream polls name in their User-Agent.</summary>
    public MonitoredWeb Web { get; set; } = new();

    /// <summary><c>Monitoring:CorrelationWindowSeconds</c> and <c>Monitoring:UpstreamSilenceMinutes</c>.</summary>
    public MonitoringSettings Monitoring { get; set; } = new();

    public PolicyThresholds ThresholdsOf(string serviceId) =>
        Services.FirstOrDefault(s => s.Id == serviceId)?.Probe is { } p
            ? new PolicyThresholds(Math.Max(1, p.FailureThreshold), Math.Max(1, p.RecoveryThreshold))
            : new PolicyThresholds();

    /// <summary>The services the probe loop watches.</summary>
    public IReadOnlyList<MonitoredService> Probed => [.. Services.Where(s => s.Probe is { Url.Length: > 0 })];

    /// <summary>The upstreams polled on a timer.</summary>
    public IReadOnlyList<MonitoredUpstream> Polled => [.. Upstreams.Where(u => u.Poll && u.FeedUrl is { Length: > 0 })];
}
