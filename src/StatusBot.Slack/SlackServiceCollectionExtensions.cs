using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StatusBot.Core.Announcing;
using StatusBot.Core.Following;
using StatusBot.Slack.Configuration;
using StatusBot.Slack.Endpoints;
using StatusBot.Slack.Identity;
using StatusBot.Slack.Publishing;
using StatusBot.Slack.SocketMode;
using StatusBot.Slack.Verification;
using StatusBot.Slack.WebApi;

namespace StatusBot.Slack;

/// <summary>Registers the Slack adapter.</summary>
public static class SlackServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Slack adapter: options from <c>StatusBot:Slack</c> (validated at start), signature verification and the
    /// replay guard, the Web API client and its pacing, the user directory, the command/event/interaction services that
    /// hand requests to the chat pipeline, Socket Mode, and the Slack <see cref="IChatPublisher"/>. The pipeline itself
    /// comes from the core (<c>AddStatusBotCore</c>), once for every platform; <see cref="SlackEndpointRouteBuilderExtensions.MapSlack"/>
    /// maps the routes.
    /// </summary>
    public static IServiceCollection AddSlack(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<SlackOptions>()
            .BindConfiguration(SlackOptions.Section)
            .PostConfigure<IConfiguration>((o, config) => o.Locale = config["StatusBot:Locale"] is { Length: > 0 } l ? l : o.Locale)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>();
        services.AddSingleton(sp => new SlackSignatureVerifier(
            sp.GetRequiredService<IOptions<SlackOptions>>().Value.SigningSecret ?? throw new InvalidOperationException("No Slack signing secret."),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SlackReplayGuard>();
        services.AddSingleton<ISlackWebApi>(sp => new SlackWebApiClient(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }),
            sp.GetRequiredService<IOptions<SlackOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SlackWebApiClient>>()));
        services.AddSingleton<SlackUserDirectory>();
        services.AddSingleton<SlackCallers>();
        services.AddSingleton<SlackEventDeduplicator>();
        services.AddSingleton<SlackCommandService>();
        services.AddSingleton<SlackEventService>();
        services.AddSingleton<SlackInteractionService>();
        services.AddSingleton<SlackEnvelopeHandler>();
        services.AddHostedService<SlackSocketModeService>();
        services.AddSingleton<SlackChatPublisher>();
        services.AddSingleton<IChatPublisher>(sp => sp.GetRequiredService<SlackChatPublisher>());
        services.AddSingleton<IDirectMessenger, SlackDirectMessenger>();
        return services;
    }
}
