using System.Text;
using Microsoft.Extensions.Options;
using StatusBot.Core.Board;
using StatusBot.Host.Configuration;
using StatusBot.Http;
using StatusBot.Monitoring;

namespace StatusBot.Host.Web.Hooks;

/// <summary>
/// Inbound monitoring webhooks. <c>POST /hooks/alertmanager</c> takes Alertmanager notifications with a bearer token;
/// <c>POST /hooks/statuspage</c> takes an upstream's Statuspage notifications with the upstream's secret token in the query
/// (<c>?token=…</c>) or as a last path segment (<c>/hooks/statuspage/{token}</c>), since Statuspage sends no credentials
/// but the URL it was given. A route whose secret is not configured is not mapped (404). Authentication comes before any
/// reading; a body over 256 KiB is 413, a malformed one 400 with the reason; only a 200 has changed anything.
/// </summary>
internal static partial class HookEndpoints
{
    public const int MaxBodyBytes = 256 * 1024;

    private const string LogCategory = "StatusBot.Hooks";

    public static IEndpointRouteBuilder MapHooks(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<StatusBotOptions>>().Value;
        var logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory);
        if (options.Hooks.Alertmanager.ApiTokens.Count > 0)
        {
            endpoints.MapPost("/hooks/alertmanager", AlertmanagerAsync).WithTags("Hooks");
        }
        else
        {
            LogAlertmanagerOff(logger);
        }

        if (options.Upstreams.Any(u => u.WebhookTokenSha256 is not null))
        {
            endpoints.MapPost("/hooks/statuspage", (HttpContext http, string? token, IOptions<StatusBotOptions> o, StatuspageWebhookIngest ingest, ILoggerFactory log) =>
                StatuspageAsync(http, token, o.Value, ingest, log.CreateLogger(LogCategory))).WithTags("Hooks");
            endpoints.MapPost("/hooks/statuspage/{token}", (HttpContext http, string token, IOptions<StatusBotOptions> o, StatuspageWebhookIngest ingest, ILoggerFactory log) =>
                StatuspageAsync(http, token, o.Value, ingest, log.CreateLogger(LogCategory))).WithTags("Hooks");
        }
        else
        {
            LogStatuspageOff(logger);
        }

        return endpoints;
    }

    private static async Task<IResult> AlertmanagerAsync(HttpContext http, IOptions<StatusBotOptions> options, AlertmanagerIngest ingest, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(LogCategory);
        var hook = options.Value.Hooks.Alertmanager;
        var throttle = http.RequestServices.GetRequiredService<FailedTokenThrottle>();
        if (throttle.Throttled(http) is { } tooMany)
        {
            return tooMany;
        }

        var header = http.Request.Headers.Authorization.ToString();
        var presented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        var token = TokenHashes.Find(presented, hook.ApiTokens, t => t.Sha256);
        if (token is null)
        {
            throttle.Refused(http, "Webhook /hooks/alertmanager");
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Problem(StatusCodes.Status401Unauthorized, "A valid Alertmanager webhook token is required (Authorization: Bearer …).");
        }

        return await WithBodyAsync(http, async body =>
        {
            var result = await ingest.IngestAsync(AlertmanagerWebhook.Parse(body), hook.ServiceLabel, http.RequestAborted);
            LogAlerts(logger, token.Name, result.Services.Count, result.Unmatched.Count, result.Events);
            return Results.Json(new AlertmanagerHookResponse(result.Services, result.Unmatched, result.Events), HooksJsonContext.Default.AlertmanagerHookResponse);
        });
    }

    private static async Task<IResult> StatuspageAsync(HttpContext http, string? token, StatusBotOptions options, StatuspageWebhookIngest ingest, ILogger logger)
    {
        var throttle = http.RequestServices.GetRequiredService<FailedTokenThrottle>();
        if (throttle.Throttled(http) is { } tooMany)
        {
            return tooMany;
        }

        var upstream = TokenHashes.Find(token, options.Upstreams, u => u.WebhookTokenSha256);
        if (upstream is null)
        {
            throttle.Refused(http, "Webhook /hooks/statuspage");
            return Problem(StatusCodes.Status401Unauthorized, "A valid upstream webhook token is required (/hooks/statuspage?token=… or /hooks/statuspage/{token}).");
        }

        return await WithBodyAsync(http, async body =>
        {
            var events = await ingest.IngestAsync(upstream.Id, StatuspageWebhook.Parse(body), http.RequestAborted);
            LogStatuspage(logger, upstream.Id, events);
            return Results.Json(new StatuspageHookResponse(upstream.Id, events), HooksJsonContext.Default.StatuspageHookResponse);
        });
    }

    /// <summary>Reads the body (bounded), then runs <paramref name="handle"/>; a bad document is 400, a store failure 503.</summary>
    private static async Task<IResult> WithBodyAsync(HttpContext http, Func<string, Task<IResult>> handle)
    {
        var body = await BoundedBody.ReadAsync(http.Request.Body, http.Request.ContentLength, MaxBodyBytes, http.RequestAborted);
        if (body is null)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {MaxBodyBytes} bytes.");
        }

        try
        {
            return await handle(Encoding.UTF8.GetString(body));
        }
        catch (FormatException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "The body is not a notification this route understands.", ex.Message);
        }
        catch (StoreUnavailableException)
        {
            return Problem(StatusCodes.Status503ServiceUnavailable, "The notification could not be stored; send it again later.");
        }
    }

    private static IResult Problem(int status, string title, string? detail = null) => Results.Problem(statusCode: status, title: title, detail: detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alertmanager webhook is off: add StatusBot:Hooks:Alertmanager:ApiTokens (name and SHA-256 of a bearer token) to turn on POST /hooks/alertmanager; see docs/MONITORING.md")]
    private static partial void LogAlertmanagerOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Statuspage webhook is off: set StatusBot:Upstreams[].WebhookTokenSha256 to turn on POST /hooks/statuspage; see docs/MONITORING.md")]
    private static partial void LogStatuspageOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alertmanager notification from {Token}: {Services} services, {Unmatched} alerts naming no service, {Events} events")]
    private static partial void LogAlerts(ILogger logger, string token, int services, int unmatched, int events);

    [LoggerMessage(Level = LogLevel.Information, Message = "Statuspage notification for {Upstream}: {Events} events")]
    private static partial void LogStatuspage(ILogger logger, string upstream, int events);
}
