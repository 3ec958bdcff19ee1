using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StatusBot.Core.Telemetry;
using StatusBot.Slack.Verification;

namespace StatusBot.Slack.Endpoints;

/// <summary>
/// Runs before any Slack route parses anything: reads the raw body, checks the signature and its age, and answers 401
/// on any failure (counted by reason in <c>statusbot_signature_failures_total</c>). The verified bytes are handed to the route through <see cref="SlackRequest.Body"/>.
/// </summary>
public sealed partial class SlackSignatureFilter(SlackSignatureVerifier verifier, ILogger<SlackSignatureFilter> logger) : IEndpointFilter
{
    /// <summary>Slack's bodies are small; anything larger is not from Slack.</summary>
    public const int MaxBodyBytes = 1 << 20;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var body = await ReadBodyAsync(http.Request, http.RequestAborted);
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

        http.Items[SlackRequest.BodyKey] = body;
        return await next(context);
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } length)
        {
            if (length > MaxBodyBytes)
            {
                return null;
            }

            var exact = new byte[length];
            try
            {
                await request.Body.ReadExactlyAsync(exact, cancellationToken);
            }
            catch (EndOfStreamException)
            {
                return null;
            }

            return exact;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a Slack request to {Path}: signature check failed ({Reason})")]
    private static partial void LogRejected(ILogger logger, PathString path, string reason);
}
