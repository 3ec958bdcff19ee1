using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StatusBot.Core.Commands;

namespace StatusBot.Monitoring;

/// <summary>
/// Registers HTTP probing of the services configured with a <c>Probe</c>, polling of the upstreams configured with
/// <c>Poll: true</c>, the policy, and the webhook ingesters the host's <c>/hooks</c> routes call.
/// </summary>
public static class MonitoringServiceCollectionExtensions
{
    public static IServiceCollection AddStatusBotMonitoring(this IServiceCollection services)
    {
        services.AddOptions<MonitoringOptions>().BindConfiguration(MonitoringOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MonitoringOptions>, MonitoringOptionsValidator>();
        services.AddSingleton(sp => new MonitoringPolicy(
            sp.GetRequiredService<IOptions<MonitoringOptions>>().Value.ThresholdsOf,
            sp.GetService<CommandSettings>()?.UpdateInterval,
            sp.GetRequiredService<IOptions<MonitoringOptions>>().Value.Monitoring));
        services.AddSingleton(sp => new HttpProbe(new HttpClient(), sp.GetRequiredService<TimeProvider>()));

        // Each poll has its own timeout; the client's would cut a slow feed short regardless of the configured one.
        services.AddSingleton(sp => new UpstreamPoller(
            new HttpClient { Timeout = Timeout.InfiniteTimeSpan },
            sp.GetRequiredService<StatusBot.Core.Board.StatusBoard>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<MonitoringOptions>>().Value.Web.PublicUrl));
        services.AddSingleton<MonitoringHealth>();
        services.AddSingleton<AlertmanagerIngest>();
        services.AddSingleton<StatuspageWebhookIngest>();
        services.AddHostedService<MonitoringService>();
        services.AddHostedService<UpstreamFeedService>();
        return services;
    }
}
