using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using StatusBot.Core.Telemetry;
using StatusBot.Discord.Wire;

namespace StatusBot.Discord.Rest;

/// <summary>
/// Discord's REST API over one <see cref="HttpClient"/>: bot authentication and User-Agent, rate limits per bucket and
/// global, 429 <c>retry_after</c> honoured, 5xx and timeouts retried with backoff up to a cap (Polly retry strategies on
/// the injected clock), 401/403/404 never retried and counted. Failures come back as <see cref="RestResult{T}"/> values.
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
        var attempt = await _retries.ExecuteAsync(
            static (call, ct) => call.Client.AttemptAsync(call.Route, call.Content, call.ResultType, ct),
            (Client: this, Route: route, Content: content, ResultType: resultType),
            cancellationToken);
        if (attempt.Next == Next.Unavailable)
        {
            LogGaveUp(logger, route.RouteKey, (int)attempt.Result.Status, MaxAttempts);
            return attempt.Result with { RetryAfter = Backoff(MaxAttempts) };
        }

        return attempt.Result;
    }

    /// <summary>What the retries do after an attempt.</summary>
    private enum Next
    {
        /// <summary>The answer is final (success, or an error that cannot get better by asking again now).</summary>
        Done,

        /// <summary>5xx or no answer: try again after a backoff.</summary>
        Unavailable,

        /// <summary>429 with a short wait: try again; the rate limiter holds the next attempt until the bucket or global pause ends.</summary>
        RateLimited,
    }

    private interface IAttempt
    {
        Next Next { get; }
    }

    private sealed record Attempt<T>(RestResult<T> Result, Next Next = Next.Done) : IAttempt;

    /// <summary>
    /// The retries around one attempt, on the injected clock: 5xx and timeouts up to <see cref="MaxAttempts"/> with backoff;
    /// 429s up to <see cref="MaxRateLimitRetries"/>, with no delay of their own (the rate limiter's pause is the wait).
    /// </summary>
    private static ResiliencePipeline Retries(TimeProvider time) => new ResiliencePipelineBuilder { TimeProvider = time }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is IAttempt { Next: Next.RateLimited }),
            MaxRetryAttempts = MaxRateLimitRetries,
            Delay = TimeSpan.Zero,
        })
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is IAttempt { Next: Next.Unavailable }),
            MaxRetryAttempts = MaxAttempts - 1,
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(Backoff(args.AttemptNumber + 1)),
        })
        .Build();

    private readonly ResiliencePipeline _retries = Retries(time);

    /// <summary>One request, once the rate limiter lets it go; a 429 pauses its bucket (or every route) for the next attempt.</summary>
    private async ValueTask<Attempt<T>> AttemptAsync<T>(DiscordRoute route, byte[]? content, JsonTypeInfo<T>? resultType, CancellationToken cancellationToken)
    {
        if (invalid.IsTripped)
        {
            LogInvalidTripped(logger, invalid.InWindow);
            return new(new RestResult<T>(HttpStatusCode.TooManyRequests, default, "Too many invalid requests recently; holding back.", invalid.ResumesIn()));
        }

        if (await limiter.AcquireAsync(route, MaxRateLimitWait, cancellationToken) is { } tooLong)
        {
            // Paused by a long 429: hand the wait back (the outbox retries) rather than hold the caller.
            return new(new RestResult<T>(HttpStatusCode.TooManyRequests, default, "Rate limited; try again later.", tooLong));
        }

        using var request = BuildRequest(route, content);
        HttpResponseMessage response;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.RequestTimeoutSeconds));
        try
        {
            response = await http.SendAsync(request, timeout.Token);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or OperationCanceledException)
        {
            limiter.Release(route);
            return new(new RestResult<T>(0, default, "Discord did not answer: " + ex.GetType().Name), Next.Unavailable);
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
                return new(new RestResult<T>(status, value));
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
                return new(new RestResult<T>(status, default, error?.Message, wait, error?.Code), wait > MaxRateLimitWait ? Next.Done : Next.RateLimited);
            }

            if ((int)status >= 500)
            {
                return new(new RestResult<T>(status, default, error?.Message ?? "Discord server error", null, error?.Code), Next.Unavailable);
            }

            if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
            {
                // Never retried: each one counts toward Discord's 10,000-per-10-minutes ban.
                invalid.Record();
                LogInvalid(logger, route.RouteKey, (int)status, invalid.InWindow);
            }

            return new(new RestResult<T>(status, default, error?.Message, null, error?.Code));
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
