using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StatusBot.Core.Board;

namespace StatusBot.Discord.Gateway;

/// <summary>
/// Runs the gateway when <c>StatusBot:Discord:UseGateway</c> is true; a fatal close stops it with a clear error. With several
/// instances on one database only the leader connects: every session of one bot token receives every event, so two would
/// answer each mention twice.
/// </summary>
internal sealed partial class DiscordGatewayService(
    DiscordGateway gateway,
    IOptions<DiscordOptions> options,
    ILogger<DiscordGatewayService> logger,
    ILeadership? leadership = null) : BackgroundService
{
    /// <summary>Why the gateway stopped for good, if it did.</summary>
    public GatewayFatalException? Failure { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.UseGateway)
        {
            return;
        }

        try
        {
            await (leadership ?? new SoleLeadership()).RunWhileLeaderAsync(gateway.RunAsync, stoppingToken);
        }
        catch (GatewayFatalException ex)
        {
            Failure = ex;
            LogFatal(logger, ex.Message);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Discord gateway stopped: {Reason}")]
    private static partial void LogFatal(ILogger logger, string reason);
}
