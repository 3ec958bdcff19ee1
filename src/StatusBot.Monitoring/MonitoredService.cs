namespace StatusBot.Monitoring;

/// <summary>The monitoring part of a <c>StatusBot:Services[]</c> entry: its id and its probe (none: not probed).</summary>
public sealed class MonitoredService
{
    public string Id { get; set; } = "";

    public ProbeOptions? Probe { get; set; }
}
