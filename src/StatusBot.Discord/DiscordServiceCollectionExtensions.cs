using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StatusBot.Core.Announcing;
using StatusBot.Core.Following;
using StatusBot.Discord.Gateway;
using StatusBot.Discord.Interactions;
using StatusBot.Discord.Registration;
using StatusBot.Discord.Rest;

namespace StatusBot.Discord;

/// <summary>Registers the Discord adapter.</summary>
public static class DiscordServiceCollectionExtensions
{
    public const string HttpClientName = "discord";

    /// <summary>
    /// Adds the Discord adapter: options from <c>StatusBot:Discord</c> (validated at start), signature verification and
    /// the replay guard, the REST client and its rate limiter, the interaction handler that hands commands to the chat
    /// pipeline, the gateway (with <c>UseGateway</c>), command registration, and the Discord <see cref="IChatPublisher"/>.
    /// The pipeline itself comes from the core (<c>AddStatusBotCore</c>), once for every platform;
    /// <see cref="DiscordEndpointRouteBuilderExtensions.MapDiscord"/> maps the route.
    /// </summary>
    public static IServiceCollection AddDiscord(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<DiscordOptions>()
            .BindConfiguration(DiscordOptions.Section)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DiscordOptions>, DiscordOptionsValidator>();

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DiscordOptions>>().Value;
            var key = options.PublicKey ?? throw new InvalidOperationException("StatusBot:Discord:PublicKey is not configured.");
            return new InteractionVerifier(key, sp.GetRequiredService<TimeProvider>(), TimeSpan.FromSeconds(options.MaxClockSkewSeconds));
        });
        services.AddSingleton(sp =>
        {
            // Remember ids longer than a timestamp can be off in either direction.
            var skew = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<DiscordOptions>>().Value.MaxClockSkewSeconds);
            return new ReplayGuard(sp.GetRequiredService<TimeProvider>(), (2 * skew) + TimeSpan.FromMinutes(1));
        });
        services.AddSingleton<DiscordAdmins>();
        services.AddSingleton<InteractionHandler>();

        services.AddHttpClient(HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        services.AddSingleton(sp => new DiscordRateLimiter(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new InvalidRequestGuard(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<DiscordRestClient>(
            sp,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName)));
        services.AddSingleton<IDiscordInteractionClient>(sp => sp.GetRequiredService<DiscordRestClient>());
        services.AddSingleton<DiscordPublisher>();
        services.AddSingleton<IChatPublisher>(sp => sp.GetRequiredService<DiscordPublisher>());
        services.AddSingleton<IDirectMessenger, DiscordDirectMessenger>();
        services.AddSingleton(sp => new CommandRegistrar(sp.GetRequiredService<DiscordRestClient>(), sp.GetRequiredService<IOptions<DiscordOptions>>()));

        services.AddSingleton<GatewayDispatcher>();
        services.AddSingleton<DiscordGateway>();
        services.AddSingleton<DiscordGatewayService>();
        services.AddHostedService(sp => sp.GetRequiredService<DiscordGatewayService>());
        return services;
    }
}
