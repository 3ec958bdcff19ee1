using Microsoft.Extensions.Options;
using StatusBot.Announcing;
using StatusBot.Core;
using StatusBot.Core.Commands;
using StatusBot.Discord;
using StatusBot.Host.Configuration;
using StatusBot.Host.Logging;
using StatusBot.Host.Tuning;
using StatusBot.Monitoring;
using StatusBot.Slack;
using StatusBot.Storage;
using StatusBot.Storage.Postgres;

namespace StatusBot.Host.Hosting;

/// <summary>The composition root shared by every verb: options, the board and its recovery, and the core.</summary>
public static class StatusBotServices
{
    /// <summary>
    /// Adds the options (validated at start), the board seed, the core, the board's hosted service and the store named by
    /// <c>StatusBot:Storage:Provider</c>: the file store (default) or PostgreSQL shared with other instances.
    /// </summary>
    public static IServiceCollection AddStatusBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StatusBotOptions>().BindConfiguration(StatusBotOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StatusBotOptions>, StatusBotOptionsValidator>();
        services.AddSingleton<IValidateOptions<StatusBotOptions>>(new UnknownSettingsValidator(configuration));
        services.AddSingleton<IValidateOptions<StatusBotOptions>>(new TemplatesValidator(configuration));
        services.AddSingleton(sp => BoardSeed.From(sp.GetRequiredService<IOptions<StatusBotOptions>>().Value));
        services.AddSingleton<CommandSettings>(sp => sp.GetRequiredService<BoardSeed>().Settings);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<StatusBotOptions>>().Value.RateLimit.ToSettings());
        services.AddStatusBotCore();
        services.AddBoardWriterThread(configuration);
        services.AddHostedService<BoardHostedService>();
        services.AddStatusBotAnnouncements();
        services.AddStatusBotMonitoring();

        // After the board's hosted service, so the final snapshot is taken before the board stops.
        var storage = new StorageOptions();
        configuration.GetSection(StorageOptions.Section).Bind(storage);
        if (storage.UsesPostgres)
        {
            services.AddStatusBotPostgresStorage();
        }
        else
        {
            services.AddStatusBotStorage();
        }

        // The two platforms are registered the same way, wherever StatusBot runs (web host, console verbs): each adapter's
        // options are validated at start, and its publisher posts the announcements of channels on that platform.
        services.AddSlack();
        services.AddDiscord();

        // HttpClient's own request logging writes whole URLs, and some carry credentials in their path.
        services.AddSingleton<RedactedHttpClientLogger>();
        services.ConfigureHttpClientDefaults(http => http.RemoveAllLoggers().AddLogger<RedactedHttpClientLogger>());
        return services;
    }
}
