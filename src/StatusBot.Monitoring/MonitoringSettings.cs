namespace StatusBot.Monitoring;

/// <summary>
/// <c>StatusBot:Monitoring</c>: how failures of several services are told as one outage, and when admins hear that an
/// upstream stays silent.
/// </summary>
public sealed class MonitoringSettings
{
    /// <summary>
    /// A failing service joins an open automatic incident that shares one of its dependencies when that incident opened
    /// less than this many seconds ago (it always joins when the shared upstream reports trouble).
    /// </summary>
    public int CorrelationWindowSeconds { get; set; } = 300;

    /// <summary>After this many minutes of failures while a dependency's upstream reports nothing, the admin channel is told once.</summary>
    public int UpstreamSilenceMinutes { get; set; } = 10;

    public TimeSpan CorrelationWindow => TimeSpan.FromSeconds(Math.Max(0, CorrelationWindowSeconds));

    public TimeSpan UpstreamSilence => TimeSpan.FromMinutes(Math.Max(1, UpstreamSilenceMinutes));
}
