using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StatusBot.Core.Board;

namespace StatusBot.Announcing;

/// <summary>Registers the announcer (its options from <c>StatusBot:Announcements</c>), its commit signal and its background loop.</summary>
public static class AnnouncingServiceCollectionExtensions
{
    public static IServiceCollection AddStatusBotAnnouncements(this IServiceCollection services)
    {
        services.AddOptions<AnnouncementOptions>().BindConfiguration(AnnouncementOptions.Section);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AnnouncementOptions>>().Value);
        services.AddSingleton<AnnouncementRenderer>();
        services.AddSingleton<CadencePlanner>();
        services.AddSingleton<AnnouncerSignal>();
        services.AddSingleton<IBoardObserver>(sp => sp.GetRequiredService<AnnouncerSignal>());
        services.AddSingleton<Announcer>();
        services.AddHostedService<AnnouncerService>();
        return services;
    }
}
