using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StatusBot.Core.Telemetry;
using StatusBot.Discord.Wire;

namespace StatusBot.Discord.Rest;

/// <summary>
/// Discord's REST API over one <see cref="HttpClient"/>: bot authentication and User-Agent, rate limits per bucket and
/// global, 429 <c>retry_after</c> honoured, 5xx and timeouts retried with backoff up to a cap, 401/403/404 never retried
/// and counted. Failures come back as <see cref="RestResult{T}"/> values.
/// </summary>
internal sealed partial class DiscordRestClient(
    HttpClient http,
    IOptions<DiscordOptions> options,
    DiscordRateLimiter limiter,
    InvalidRequestGuard invalid,
    TimeProvider time,
    ILogger<DiscordRestClient> logger) : IDiscordInteractionClient
{
    public const string UserAgent = "DiscordBot (https://github.com/statusbot/statusbot, 1.0)";

    /// <summary>Attempts for 5xx and timeouts; 429s are retried separately while the wait is short.</summary>
    public const int MaxAttempts = 4;

    public const int MaxRateLimitRetries = 8;

    /// <summary>A 429 asking for longer than this is handed back to the caller (the outbox retries later).</summary>
    public static readonly TimeSpan MaxRateLimitWait = TimeSpan.FromSeconds(30);

    private readonly string _baseUrl = options.Value.ApiBaseUrl.TrimEnd('/');

    internal async Task<RestResult<T>> SendAsync<T>(DiscordRoute route, object? body, JsonTypeInfo? bodyType, JsonTypeInfo<T>? resultType, CancellationToken cancellationToken)
    {
        if (route.Authenticated && string.IsNullOrWhiteSpace(options.Value.BotToken))
        {
            return new RestResult<T>(HttpStatusCode.Unauthorized, default, "StatusBot:Discord:BotToken is not configured.");
        }

        var content = body is null || bodyType is null ? null : JsonSerializer.SerializeToUtf8Bytes(body, bodyType);
        var failures = 0;
        var rateLimited = 0;
        while (true)
        {
            if (invalid.IsTripped)
            {
                LogInvalidTripped(logger, invalid.InWindow);
                return new RestResult<T>(HttpStatusCode.TooManyRequests, default, "Too many invalid requests recently; holding back.", invalid.ResumesIn());
            }

            if (await limiter.AcquireAsync(route, MaxRateLimitWait, cancellationToken) is { } tooLong)
            {
                // Paused by a long 429: hand the wait back (the outbox retries) rather than hold the caller.
                return new RestResult<T>(HttpStatusCode.TooManyRequests, default, "Rate limited; try again later.", tooLong);
            }

            using var request = BuildRequest(route, content);
            HttpResponseMessage response;
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(TimeSpan.FromSeconds(options.Value.RequestTimeoutSeconds));
            try
            {
                response = await http.SendAsync(request, attempt.Token);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or OperationCanceledException)
            {
                limiter.Release(route);
                if (++failures >= MaxAttempts)
                {
                    LogGaveUp(logger, route.RouteKey, 0, failures);
                    return new RestResult<T>(0, default, "Discord did not answer: " + ex.GetType().Name, Backoff(failures));
                }

                await Task.Delay(Backoff(failures), time, cancellationToken);
                continue;
            }

            catch
            {
                limiter.Release(route);
                throw;
            }

            limiter.Release(route);
            using (response)
            {
                limiter.Update(route, response.Headers);
                var status = response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    var value = resultType is null || status == HttpStatusCode.NoContent
                        ? default
                        : await JsonSerializer.DeserializeAsync(await response.Content.ReadAsStreamAsync(cancellationToken), resultType, cancellationToken);
                    return new RestResult<T>(status, value);
                }

                var error = await ReadErrorAsync(response, cancellationToken);
                if (status == HttpStatusCode.TooManyRequests)
                {
                    var wait = RetryAfter(response, error);
                    var scope = Header(response, "X-RateLimit-Scope");
                    if (!string.Equals(scope, "shared", StringComparison.OrdinalIgnoreCase))
                    {
                        invalid.Record();
                    }

                    var global = error?.Global == true || Header(response, "X-RateLimit-Global") is "true" or "True";
                    StatusBotMetrics.PlatformRateLimited("discord", route.RouteKey, global);
                    if (global)
                    {
                        limiter.PauseGlobal(wait);
                    }
                    else
                    {
                        limiter.PauseBucket(route, wait);
                    }

                    LogRateLimited(logger, route.RouteKey, wait.TotalSeconds, scope);
                    if (++rateLimited > MaxRateLimitRetries || wait > MaxRateLimitWait)
                    {
                        return new RestResult<T>(status, default, error?.Message, wait, error?.Code);
                    }

                    continue;
                }

                if ((int)status >= 500)
                {
                    if (++failures >= MaxAttempts)
                    {
                        LogGaveUp(logger, route.RouteKey, (int)status, failures);
                        return new RestResult<T>(status, default, error?.Message ?? "Discord server error", Backoff(failures), error?.Code);
                    }

                    await Task.Delay(Backoff(failures), time, cancellationToken);
                    continue;
                }

                if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
                {
                    // Never retried: each one counts toward Discord's 10,000-per-10-minutes ban.
                    invalid.Record();
                    LogInvalid(logger, route.RouteKey, (int)status, invalid.InWindow);
                }

                return new RestResult<T>(status, default, error?.Message, null, error?.Code);
            }
        }
    }

    private HttpRequestMessage BuildRequest(DiscordRoute route, byte[]? content)
    {
        var request = new HttpRequestMessage(route.Method, _baseUrl + route.Path);
        request.Headers.UserAgent.ParseAdd(UserAgent);
        if (route.Authenticated)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bot", options.Value.BotToken!.Trim());
        }

        if (content is not null)
        {
            request.Content = new ByteArrayContent(content);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        return request;
    }

    private static async Task<DiscordError?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return bytes.Length == 0 ? null : JsonSerializer.Deserialize(bytes, DiscordJsonContext.Default.DiscordError);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static TimeSpan RetryAfter(HttpResponseMessage response, DiscordError? error)
    {
        if (error?.RetryAfter is { } seconds and >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return double.TryParse(Header(response, "Retry-After"), NumberStyles.Float, CultureInfo.InvariantCulture, out var header)
            ? TimeSpan.FromSeconds(header)
            : TimeSpan.FromSeconds(1);
    }

    /// <summary>0.5 s, 1 s, 2 s … with up to 25 % jitter, so several clients do not retry in step.</summary>
    private static TimeSpan Backoff(int failures) =>
        TimeSpan.FromMilliseconds(500 * Math.Pow(2, failures - 1) * (1 + (Random.Shared.NextDouble() * 0.25)));

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord rate limit on {Route}: waiting {Seconds} s (scope {Scope})")]
    private static partial void LogRateLimited(ILogger logger, string route, double seconds, string? scope);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord {Route} gave up after {Attempts} attempts (last HTTP {Status})")]
    private static partial void LogGaveUp(ILogger logger, string route, int status, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord {Route} answered HTTP {Status}; {Count} invalid requests in the last 10 minutes")]
    private static partial void LogInvalid(ILogger logger, string route, int status, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Holding back Discord requests: {Count} invalid requests in the last 10 minutes")]
    private static partial void LogInvalidTripped(ILogger logger, int count);
}
