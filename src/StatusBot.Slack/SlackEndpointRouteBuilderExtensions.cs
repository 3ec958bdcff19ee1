using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StatusBot.Slack.Configuration;
using StatusBot.Slack.Endpoints;

namespace StatusBot.Slack;

/// <summary>Maps the Slack routes.</summary>
public static partial class SlackEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST /slack/commands</c>, <c>/slack/events</c> and <c>/slack/interactions</c> behind the signature filter.
    /// Without a signing secret nothing is mapped (the routes answer 404) and one log line says how to turn it on.
    /// </summary>
    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder routes)
    {
        var options = routes.ServiceProvider.GetRequiredService<IOptions<SlackOptions>>().Value;
        var logger = routes.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("StatusBot.Slack");
        if (!options.Enabled)
        {
            LogOff(logger);
            return routes;
        }

        var group = routes.MapGroup("/slack").AddEndpointFilter<SlackSignatureFilter>();
        group.MapPost("/commands", SlackEndpoints.CommandsAsync);
        group.MapPost("/events", SlackEndpoints.Events);
        group.MapPost("/interactions", SlackEndpoints.InteractionsAsync);
        LogOn(logger, options.CommandName, options.SocketMode, options.CanPost);
        return routes;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack adapter is off: set StatusBot:Slack:SigningSecret (environment StatusBot__Slack__SigningSecret) to turn it on; see docs/slack.md")]
    private static partial void LogOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack adapter is on: {CommandName}, Socket Mode {SocketMode}, posting {CanPost}")]
    private static partial void LogOn(ILogger logger, string commandName, bool socketMode, bool canPost);
}
