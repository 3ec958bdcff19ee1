using Microsoft.Extensions.Options;
using StatusBot.Host.Configuration;

namespace StatusBot.Host.Web.Admin;

/// <summary>
/// Bearer-token authentication for <c>/api/admin</c>: the presented token's SHA-256 is compared in constant time with
/// each configured hash. Without configured tokens the API does not exist (404); a missing or wrong token is 401, and an
/// address with too many of those is answered 429 by <see cref="FailedTokenThrottle"/> before any comparison.
/// </summary>
internal sealed class AdminAuthFilter(IOptions<StatusBotOptions> options, FailedTokenThrottle throttle) : IEndpointFilter
{
    public const string TokenNameItem = "statusbot.admin-token";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var tokens = options.Value.Admin.ApiTokens;
        if (tokens.Count == 0)
        {
            return Results.NotFound();
        }

        if (throttle.Throttled(context.HttpContext) is { } tooMany)
        {
            return tooMany;
        }

        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        var name = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? Match(header[7..].Trim(), tokens) : null;
        if (name is null)
        {
            throttle.Refused(context.HttpContext, "Admin API call");
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "A valid admin API token is required.");
        }

        context.HttpContext.Items[TokenNameItem] = name;
        return await next(context);
    }

    private static string? Match(string presented, List<ApiTokenOptions> tokens) => TokenHashes.Find(presented, tokens, t => t.Sha256)?.Name;
}
