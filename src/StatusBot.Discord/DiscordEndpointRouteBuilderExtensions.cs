using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StatusBot.Discord.Interactions;

namespace StatusBot.Discord;

/// <summary>Maps the Discord routes.</summary>
public static partial class DiscordEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST /discord/interactions</c> when <c>StatusBot:Discord:PublicKey</c> is set; without it the route does
    /// not exist (404) and one log line says how to turn it on. Verification can never be switched off.
    /// </summary>
    public static IEndpointRouteBuilder MapDiscord(this IEndpointRouteBuilder routes)
    {
        var options = routes.ServiceProvider.GetRequiredService<IOptions<DiscordOptions>>().Value;
        var logger = routes.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("StatusBot.Discord");
        if (!options.InteractionsEnabled)
        {
            LogOff(logger);
            return routes;
        }

        // Fail at start, not on the first request, if the key cannot be imported.
        routes.ServiceProvider.GetRequiredService<InteractionVerifier>();
        InteractionEndpoints.Map(routes);
        LogOn(logger, InteractionEndpoints.Route);
        return routes;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord interactions are off: set StatusBot:Discord:PublicKey (env StatusBot__Discord__PublicKey) to the application's public key to enable POST /discord/interactions")]
    private static partial void LogOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord interactions endpoint on {Route}")]
    private static partial void LogOn(ILogger logger, string route);
}
