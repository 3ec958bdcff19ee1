using System.Diagnostics.CodeAnalysis;
using System.Text;
using Microsoft.Extensions.Http.Logging;

namespace StatusBot.Host.Logging;

/// <summary>
/// Replaces the default <c>HttpClient</c> request logging, which writes whole URLs: Discord's interaction and webhook
/// tokens and Slack's <c>response_url</c> are credentials carried in the path. One line per request, with the URL cut
/// down by <see cref="Redact"/>.
/// </summary>
public sealed partial class RedactedHttpClientLogger(ILogger<RedactedHttpClientLogger> logger) : IHttpClientLogger
{
    public const string Hidden = "***";

    public object? LogRequestStart(HttpRequestMessage request) => null;

    [SuppressMessage("Performance", "CA1873", Justification = "The arguments are built only after the IsEnabled check.")]
    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed)
    {
        // The redaction builds a string: only when the line is written.
        if (logger.IsEnabled(LogLevel.Information))
        {
            LogAnswered(logger, request.Method.Method, Redact(request.RequestUri), (int)response.StatusCode, elapsed.TotalMilliseconds);
        }
    }

    [SuppressMessage("Performance", "CA1873", Justification = "The arguments are built only after the IsEnabled check.")]
    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            LogFailed(logger, request.Method.Method, Redact(request.RequestUri), exception.GetType().Name, elapsed.TotalMilliseconds);
        }
    }

    /// <summary>
    /// The URL without what can be a credential: the query; everything after a <c>webhooks/{id}</c> or
    /// <c>interactions/{id}</c> segment pair (Discord's token follows the id); every path segment after <c>hooks</c>, and the
    /// whole path on a <c>hooks.*</c> host (Slack's <c>response_url</c> and incoming webhooks).
    /// </summary>
    public static string Redact(Uri? uri)
    {
        if (uri is null || !uri.IsAbsoluteUri)
        {
            return Hidden;
        }

        var text = new StringBuilder(uri.Scheme).Append("://").Append(uri.Authority);
        if (uri.Host.StartsWith("hooks.", StringComparison.OrdinalIgnoreCase))
        {
            text.Append('/').Append(Hidden);
        }
        else
        {
            var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < segments.Length; i++)
            {
                text.Append('/').Append(segments[i]);
                var keep = segments[i].ToLowerInvariant() switch
                {
                    "hooks" => 0,
                    "webhooks" or "interactions" => 1,
                    _ => -1,
                };
                if (keep >= 0)
                {
                    for (var k = 1; k <= keep && i + k < segments.Length; k++)
                    {
                        text.Append('/').Append(segments[i + k]);
                    }

                    if (i + keep + 1 < segments.Length)
                    {
                        text.Append('/').Append(Hidden);
                    }

                    break;
                }
            }
        }

        if (uri.Query.Length > 1)
        {
            text.Append('?').Append(Hidden);
        }

        return text.ToString();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP {Method} {Url} answered {Status} in {Milliseconds:0.0} ms")]
    private static partial void LogAnswered(ILogger logger, string method, string url, int status, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP {Method} {Url} failed ({Error}) after {Milliseconds:0.0} ms")]
    private static partial void LogFailed(ILogger logger, string method, string url, string error, double milliseconds);
}
