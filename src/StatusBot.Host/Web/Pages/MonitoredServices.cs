using Microsoft.Extensions.Options;
using StatusBot.Host.Configuration;
using StatusBot.Monitoring;

namespace StatusBot.Host.Web.Pages;

/// <summary>
/// Which services something watches: a health probe, or Alertmanager alerts (which may name any service). The status page
/// shows an uptime figure only for those; a service whose status is only ever set by hand says it is not monitored.
/// </summary>
public sealed class MonitoredServices(IOptions<MonitoringOptions> monitoring, IOptions<StatusBotOptions> options)
{
    private readonly HashSet<string> _probed = new(monitoring.Value.Probed.Select(s => s.Id), StringComparer.OrdinalIgnoreCase);
    private readonly bool _alerts = options.Value.Hooks.Alertmanager.ApiTokens.Count > 0;

    public bool IsMonitored(string serviceId) => _alerts || _probed.Contains(serviceId);
}
