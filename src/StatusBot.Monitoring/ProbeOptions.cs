namespace StatusBot.Monitoring;

/// <summary>
/// <c>Services[].Probe</c>: what to request, which status codes mean up (any 2xx when empty), how long to wait, how often,
/// the thresholds of the policy, and the latency above which an answer counts as degraded.
/// </summary>
public sealed class ProbeOptions
{
    public string Url { get; set; } = "";

    public string Method { get; set; } = "GET";

    public List<int> ExpectedStatus { get; set; } = [];

    public int TimeoutSeconds { get; set; } = 5;

    public int IntervalSeconds { get; set; } = 30;

    public int FailureThreshold { get; set; } = 3;

    public int RecoveryThreshold { get; set; } = 3;

    public int? DegradedLatencyMs { get; set; }
}
