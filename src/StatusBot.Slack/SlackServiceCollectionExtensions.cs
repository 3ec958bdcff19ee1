using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StatusBot.Core.Announcing;
using StatusBot.Slack.Configuration;
using StatusBot.Slack.Endpoints;
using StatusBot.Slack.Identity;
using StatusBot.Slack.Publishing;
using StatusBot.Slack.SocketMode;
using StatusBot.Slack.Verification;
using StatusBot.Slack.WebApi;

namespace StatusBot.Slack;

/// <summary>Registers and maps the Slack adapter.</summary>
public static partial class SlackServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Slack adapter: options from <c>StatusBot:Slack</c> (validated at start), the Web API client and its
    /// pacing, the user directory, the command/event/interaction services and the Slack <see cref="IChatPublisher"/>.
    /// </summary>
    public static IServiceCollection AddSlack(this IServiceCollection services)
    {
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
        services.AddSingleton<SlackBackgroundWork>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackBackgroundWork>());
        services.AddSingleton<SlackReadCache>();
        services.AddSingleton<SlackCommandService>();
        services.AddSingleton<SlackEventService>();
        services.AddSingleton<SlackInteractionService>();
        services.AddSingleton<SlackEnvelopeHandler>();
        services.AddHostedService<SlackSocketModeService>();
        services.AddSingleton<SlackChatPublisher>();
        services.AddSingleton<IChatPublisher>(sp => sp.GetRequiredService<SlackChatPublisher>());
        return services;
    }

    /// <summary>
    /// Maps <c>POST /slack/commands</c>, <c>/slack/events</c> and <c>/slack/interactions</c> behind the signature filter.
    /// Without a signing secret nothing is mapped (the routes answer 404) and one log line says how to turn it on.
    /// </summary>
    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder endpoints)
    {
        var services = endpoints.ServiceProvider;
        var options = services.GetRequiredService<IOptions<SlackOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("StatusBot.Slack");
        if (!options.Enabled)
        {
            LogOff(logger);
            return endpoints;
        }

        var group = endpoints.MapGroup("/slack").AddEndpointFilter<SlackSignatureFilter>();
        group.MapPost("/commands", SlackEndpoints.CommandsAsync);
        group.MapPost("/events", SlackEndpoints.Events);
        group.MapPost("/interactions", SlackEndpoints.InteractionsAsync);
        LogOn(logger, options.CommandName, options.SocketMode, options.CanPost);
        return endpoints;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack adapter is off: set StatusBot:Slack:SigningSecret (environment StatusBot__Slack__SigningSecret) to turn it on; see docs/slack.md")]
    private static partial void LogOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack adapter is on: {CommandName}, Socket Mode {SocketMode}, posting {CanPost}")]
    private static partial void LogOn(ILogger logger, string commandName, bool socketMode, bool canPost);
}
