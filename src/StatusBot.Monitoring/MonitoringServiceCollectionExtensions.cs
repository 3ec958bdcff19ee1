using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StatusBot.Core.Commands;

namespace StatusBot.Monitoring;

/// <summary>Registers HTTP probing of the services configured with a <c>Probe</c>, and the policy.</summary>
public static class MonitoringServiceCollectionExtensions
{
    public static IServiceCollection AddStatusBotMonitoring(this IServiceCollection services)
    {
        services.AddOptions<MonitoringOptions>().BindConfiguration(MonitoringOptions.Section);
        services.AddSingleton(sp => new MonitoringPolicy(
            sp.GetRequiredService<IOptions<MonitoringOptions>>().Value.ThresholdsOf,
            sp.GetService<CommandSettings>()?.UpdateInterval));
        services.AddSingleton(sp => new HttpProbe(new HttpClient(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<MonitoringService>();
        return services;
    }
}
