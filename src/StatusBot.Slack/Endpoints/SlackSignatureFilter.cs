using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StatusBot.Core.Telemetry;
using StatusBot.Http;
using StatusBot.Slack.Verification;

namespace StatusBot.Slack.Endpoints;

/// <summary>
/// Runs before any Slack route parses anything: reads the raw body (413 over <see cref="MaxBodyBytes"/>), checks the
/// signature and its age, and answers 401 on any failure (counted by reason in <c>statusbot_signature_failures_total</c>).
/// A copy of a request already received (same timestamp and signature) gets an empty 200 and runs nothing. The verified
/// bytes are handed to the route through <see cref="SlackRequest.Body"/>.
/// </summary>
public sealed partial class SlackSignatureFilter(SlackSignatureVerifier verifier, SlackReplayGuard replays, ILogger<SlackSignatureFilter> logger) : IEndpointFilter
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
        var failure = body is null
            ? StatusBotMetrics.SignatureFailureReasons.Body
            : verifier.Failure(headers[SlackSignatureVerifier.TimestampHeader], headers[SlackSignatureVerifier.SignatureHeader], body);
        if (failure is not null)
        {
            StatusBotMetrics.SignatureFailure("slack", failure);
            LogRejected(logger, http.Request.Path, failure);
            return Results.Unauthorized();
        }

        if (!replays.FirstDelivery(headers[SlackSignatureVerifier.TimestampHeader]!, headers[SlackSignatureVerifier.SignatureHeader]!))
        {
            // Slack never sends one signed request twice: this is a replay. Nothing new for it, not even an error to probe.
            StatusBotMetrics.SignatureFailure("slack", StatusBotMetrics.SignatureFailureReasons.Replay);
            LogReplay(logger, http.Request.Path);
            return Results.Ok();
        }

        http.Items[SlackRequest.BodyKey] = body;
        return await next(context);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignored a repeated Slack request to {Path}: already received")]
    private static partial void LogReplay(ILogger logger, PathString path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a Slack request to {Path}: signature check failed ({Reason})")]
    private static partial void LogRejected(ILogger logger, PathString path, string reason);
}
