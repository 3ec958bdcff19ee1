using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StatusBot.Core.Text;
using StatusBot.Slack.Verification;

namespace StatusBot.Slack.Endpoints;

/// <summary>
/// Runs before any Slack route parses anything: reads the raw body (413 over <see cref="MaxBodyBytes"/>), checks the
/// signature and its age, and answers 401 on any failure. The verified bytes are handed to the route through <see cref="SlackRequest.Body"/>.
/// </summary>
public sealed partial class SlackSignatureFilter(SlackSignatureVerifier verifier, ILogger<SlackSignatureFilter> logger) : IEndpointFilter
{
    /// <summary>Slack's bodies are small; anything larger is not from Slack.</summary>
    public const int MaxBodyBytes = 1 << 20;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var (body, tooLarge) = await BoundedBody.ReadWithReasonAsync(http.Request.Body, http.Request.ContentLength, MaxBodyBytes, http.RequestAborted);
        if (tooLarge)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var headers = http.Request.Headers;
        if (body is null || !verifier.Verify(headers[SlackSignatureVerifier.TimestampHeader], headers[SlackSignatureVerifier.SignatureHeader], body))
        {
            LogRejected(logger, http.Request.Path);
            return Results.Unauthorized();
        }

        http.Items[SlackRequest.BodyKey] = body;
        return await next(context);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a Slack request to {Path}: bad or stale signature")]
    private static partial void LogRejected(ILogger logger, PathString path);
}
