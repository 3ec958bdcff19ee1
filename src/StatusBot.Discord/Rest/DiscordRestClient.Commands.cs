using StatusBot.Discord.Wire;

namespace StatusBot.Discord.Rest;

internal sealed partial class DiscordRestClient
{
    /// <summary><c>GET /applications/{app}/commands</c> (or the guild's).</summary>
    public Task<RestResult<List<ApplicationCommand>>> GetCommandsAsync(string applicationId, string? guildId, CancellationToken cancellationToken) =>
        SendAsync(CommandsRoute(HttpMethod.Get, applicationId, guildId) is var route ? route with { Path = route.Path + "?with_localizations=true" } : null!, null, null, DiscordJsonContext.Default.ListApplicationCommand, cancellationToken);

    /// <summary><c>PUT /applications/{app}/commands</c> (or the guild's): replaces every command with these.</summary>
    public Task<RestResult<List<ApplicationCommand>>> OverwriteCommandsAsync(string applicationId, string? guildId, List<ApplicationCommand> commands, CancellationToken cancellationToken) =>
        SendAsync(
            CommandsRoute(HttpMethod.Put, applicationId, guildId),
            commands,
            DiscordJsonContext.Default.ListApplicationCommand,
            DiscordJsonContext.Default.ListApplicationCommand,
            cancellationToken);

    /// <summary><c>GET /gateway/bot</c>.</summary>
    public Task<RestResult<GatewayBotInfo>> GetGatewayBotAsync(CancellationToken cancellationToken) =>
        SendAsync(new DiscordRoute(HttpMethod.Get, "/gateway/bot", "", "/gateway/bot"), null, null, DiscordJsonContext.Default.GatewayBotInfo, cancellationToken);

    private static DiscordRoute CommandsRoute(HttpMethod method, string applicationId, string? guildId) =>
        guildId is null
            ? new DiscordRoute(method, "/applications/{application_id}/commands", applicationId, $"/applications/{Id(applicationId)}/commands")
            : new DiscordRoute(method, "/applications/{application_id}/guilds/{guild_id}/commands", guildId, $"/applications/{Id(applicationId)}/guilds/{Id(guildId)}/commands");
}
