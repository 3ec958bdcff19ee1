using Microsoft.Extensions.Options;
using StatusBot.Host.Configuration;

namespace StatusBot.Host.Web.Admin;

/// <summary>
/// Bearer-token authentication for <c>/api/admin</c>: the presented token's SHA-256 is compared in constant time with
/// each configured hash. Without configured tokens the API does not exist (404); a missing or wrong token is 401.
/// </summary>
internal sealed partial class AdminAuthFilter(IOptions<StatusBotOptions> options, ILogger<AdminAuthFilter> logger) : IEndpointFilter
{
    public const string TokenNameItem = "statusbot.admin-token";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var tokens = options.Value.Admin.ApiTokens;
        if (tokens.Count == 0)
        {
            return Results.NotFound();
        }

        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        var name = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? Match(header[7..].Trim(), tokens) : null;
        if (name is null)
        {
            LogRefused(logger, context.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "?");
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "A valid admin API token is required.");
        }

        context.HttpContext.Items[TokenNameItem] = name;
        return await next(context);
    }

    private static string? Match(string presented, List<ApiTokenOptions> tokens) => TokenHashes.Find(presented, tokens, t => t.Sha256)?.Name;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin API call refused: missing or wrong token (from {Remote})")]
    private static partial void LogRefused(ILogger logger, string remote);
}
