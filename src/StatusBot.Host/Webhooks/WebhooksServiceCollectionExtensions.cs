using Microsoft.Extensions.Options;
using StatusBot.Core.Board;
using StatusBot.Host.Configuration;

namespace StatusBot.Host.Webhooks;

/// <summary>Registers outbound webhooks: the sender, the dispatcher, its commit signal, its delivery log and its background loop.</summary>
public static class WebhooksServiceCollectionExtensions
{
    public static IServiceCollection AddStatusBotWebhooks(this IServiceCollection services)
    {
        services.AddSingleton(sp => new WebhookSender(sp.GetRequiredService<IOptions<StatusBotOptions>>().Value.Webhooks, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new WebhookDeliveryLog(sp.GetRequiredService<IOptions<StatusBotOptions>>().Value.Webhooks));
        services.AddSingleton<WebhookSignal>();
        services.AddSingleton<IBoardObserver>(sp => sp.GetRequiredService<WebhookSignal>());
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<WebhookDispatcher>(sp, sp.GetRequiredService<IOptions<StatusBotOptions>>().Value));
        services.AddHostedService<WebhookService>();
        return services;
    }
}
