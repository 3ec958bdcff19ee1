using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StatusBot.Announcing.Publishing;
using StatusBot.Core.Board;

namespace StatusBot.Announcing;

/// <summary>
/// Registers the announcer (its options from <c>StatusBot:Announcements</c>), its commit signal and its background loop, and
/// the follower notifier (options from <c>StatusBot:Follow</c>) with its own signal and loop, and the public timelines of
/// <c>StatusBot:Publishers</c> (validated at start).
/// </summary>
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
        services.AddOptions<PublishingOptions>().BindConfiguration(PublishingOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PublishingOptions>>(sp => new PublishingOptionsValidator(sp.GetRequiredService<AnnouncementOptions>()));
        services.AddHttpClient(PublicTimelines.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton(sp =>
        {
            var publishing = sp.GetRequiredService<IOptions<PublishingOptions>>().Value;
            var http = sp.GetRequiredService<IHttpClientFactory>();
            return new PublicTimelines(publishing, [.. PublicTimelines.Create(publishing, () => http.CreateClient(PublicTimelines.HttpClientName), sp.GetRequiredService<TimeProvider>())]);
        });
        services.AddSingleton<Announcer>();
        services.AddHostedService<AnnouncerService>();

        services.AddOptions<FollowOptions>()
            .BindConfiguration(FollowOptions.Section)
            .PostConfigure<IConfiguration>((follow, configuration) =>
                follow.PublicUrl ??= configuration["StatusBot:Web:PublicUrl"] is { Length: > 0 } web ? web : configuration["StatusBot:Slack:PublicUrl"]);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<FollowOptions>>().Value);
        services.AddSingleton<FollowerMessages>();
        services.AddSingleton<FollowerSignal>();
        services.AddSingleton<IBoardObserver>(sp => sp.GetRequiredService<FollowerSignal>());
        services.AddSingleton<FollowerNotifier>();
        services.AddHostedService<FollowerNotifierService>();
        return services;
    }
}
