using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using StatusBot.Core.Telemetry;
using StatusBot.Core.Timing;
using StatusBot.Slack.Configuration;
using StatusBot.Slack.Json;

namespace StatusBot.Slack.WebApi;

/// <summary>
/// Slack's Web API over HttpClient: the <c>ok</c>/<c>error</c> envelope as typed results, every 429 waited out for its
/// <c>Retry-After</c>, 5xx and timeouts retried with capped, jittered backoff (Polly retry strategies on the injected
/// clock), and errors that cannot get better (<c>channel_not_found</c>, <c>invalid_auth</c>…) returned at once.
/// </summary>
public sealed partial class SlackWebApiClient : ISlackWebApi
{
    private readonly HttpClient _http;
    private readonly SlackOptions _options;
    private readonly TimeProvider _time;
    private readonly SlackPacer _pacer;
    private readonly ILogger<SlackWebApiClient> _logger;
    private readonly ResiliencePipeline<SlackApiResult> _retrying;
    private readonly ResiliencePipeline<SlackApiResult> _rateLimitsOnly;
    /// <summary>Per method, the monotonic timestamp a 429's <c>Retry-After</c> ends at (a wall-clock step moves none).</summary>
    private readonly ConcurrentDictionary<string, long> _pausedUntil = new(StringComparer.Ordinal);

    public SlackWebApiClient(HttpClient http, IOptions<SlackOptions> options, TimeProvider time, ILogger<SlackWebApiClient> logger)
    {
        _http = http;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _pacer = new SlackPacer(time, _options.WorkspaceMessagesPerSecond);
        _retrying = Retries(unavailable: true);
        _rateLimitsOnly = Retries(unavailable: false);
        var baseUrl = _options.ApiBaseUrl.EndsWith('/') ? _options.ApiBaseUrl : _options.ApiBaseUrl + "/";
        _http.BaseAddress = new Uri(baseUrl, UriKind.Absolute);
        _http.Timeout = Timeout.InfiniteTimeSpan;
    }

    /// <summary>
    /// One Web API call with its retries. <paramref name="retryUnavailable"/> false hands a timeout or 5xx back at once: the
    /// request may have been carried out (a post whose answer was lost), and the caller decides how to try again (the
    /// announcer's keyed posts look for themselves first, see <c>SlackChatPublisher</c>).
    /// </summary>
    private async Task<SlackApiResult> CallAsync(string method, string? token, Func<HttpRequestMessage> build, CancellationToken cancellationToken, bool retryUnavailable = true)
    {
        var result = await (retryUnavailable ? _retrying : _rateLimitsOnly).ExecuteAsync(
            static (call, ct) => call.Client.AttemptAsync(call.Method, call.Token, call.Build, ct),
            (Client: this, Method: method, Token: token, Build: build),
            cancellationToken);
        switch (result.Outcome)
        {
            case SlackCallOutcome.Unavailable:
                LogGaveUp(_logger, method, result.Error);
                return result with { RetryAfter = Backoff(retryUnavailable ? _options.MaxRetries + 1 : 1) };
            case SlackCallOutcome.Ok or SlackCallOutcome.RateLimited:
                return result;
            default:
                LogFailed(_logger, method, result.Error);
                return result;
        }
    }

    /// <summary>
    /// The retries around one attempt: every 429 waited out (up to <see cref="SlackOptions.MaxRateLimitWaits"/>; the wait
    /// itself is the method's pause, taken at the start of the next attempt so concurrent calls share it), and with
    /// <paramref name="unavailable"/>, 5xx and timeouts retried with backoff (up to <see cref="SlackOptions.MaxRetries"/>).
    /// </summary>
    private ResiliencePipeline<SlackApiResult> Retries(bool unavailable)
    {
        var builder = new ResiliencePipelineBuilder<SlackApiResult> { TimeProvider = _time };
        if (_options.MaxRateLimitWaits > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<SlackApiResult>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.Outcome == SlackCallOutcome.RateLimited),
                MaxRetryAttempts = _options.MaxRateLimitWaits,
                Delay = TimeSpan.Zero,
            });
        }

        if (unavailable && _options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<SlackApiResult>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.Outcome == SlackCallOutcome.Unavailable),
                MaxRetryAttempts = _options.MaxRetries,
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(Backoff(args.AttemptNumber + 1)),
            });
        }

        return builder.Build();
    }

    /// <summary>One request, after the method's pause (if a 429 set one); a 429 sets the pause for the next attempt.</summary>
    private async ValueTask<SlackApiResult> AttemptAsync(string method, string? token, Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        await WaitOutPauseAsync(method, cancellationToken);
        var attempt = await SendOnceAsync(token, build, cancellationToken);
        if (attempt.Outcome == SlackCallOutcome.RateLimited)
        {
            var after = attempt.RetryAfter ?? TimeSpan.FromSeconds(1);
            _pausedUntil[method] = _time.TimestampAfter(after);
            LogRateLimited(_logger, method, after.TotalSeconds);
            StatusBotMetrics.PlatformRateLimited("slack", method, global: false);
            return attempt with { RetryAfter = after };
        }

        return attempt;
    }

    private async Task<SlackApiResult> SendOnceAsync(string? token, Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        using var request = build();
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(_options.RequestTimeoutSeconds), _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return new SlackApiResult(SlackCallOutcome.RateLimited, "ratelimited", RetryAfterOf(response));
            }

            if ((int)response.StatusCode >= 500)
            {
                return new SlackApiResult(SlackCallOutcome.Unavailable, $"http_{(int)response.StatusCode}");
            }

            var body = await response.Content.ReadAsByteArrayAsync(linked.Token);
            return Interpret(response, body);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SlackApiResult(SlackCallOutcome.Unavailable, "timeout");
        }
        catch (HttpRequestException ex)
        {
            return new SlackApiResult(SlackCallOutcome.Unavailable, "unreachable: " + ex.HttpRequestError);
        }
    }

    private static SlackApiResult Interpret(HttpResponseMessage response, byte[] body)
    {
        ApiEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(body, SlackJsonContext.Default.ApiEnvelope);
        }
        catch (JsonException)
        {
            // response_url answers a bare "ok"; anything else that is not JSON is a failure we cannot read.
            return response.IsSuccessStatusCode && body.AsSpan().Trim((byte)' ').SequenceEqual("ok"u8)
                ? new SlackApiResult(SlackCallOutcome.Ok)
                : new SlackApiResult(SlackCallOutcome.Failed, $"http_{(int)response.StatusCode}_not_json");
        }

        if (envelope is null)
        {
            return new SlackApiResult(SlackCallOutcome.Failed, "empty_answer");
        }

        if (!envelope.Ok)
        {
            var outcome = SlackApiResult.Classify(envelope.Error);
            return new SlackApiResult(outcome, envelope.Error ?? "unknown_error", outcome == SlackCallOutcome.RateLimited ? RetryAfterOf(response) : null);
        }

        return new SlackApiResult(SlackCallOutcome.Ok)
        {
            Ts = envelope.Ts,
            Channel = envelope.Channel,
            Url = envelope.Url,
            User = envelope.User is { } u
                ? new SlackUser(u.Id, u.Name ?? u.RealName ?? u.Id, !u.Deleted && (u.IsAdmin || u.IsOwner || u.IsPrimaryOwner), u.Locale)
                : null,
            Messages = envelope.Messages?.Where(m => m.Ts is not null).Select(m => (m.Ts!, m.Metadata?.EventPayload.Key)).ToList(),
        };
    }

    private static TimeSpan RetryAfterOf(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter?.Delta is { } delta)
        {
            return delta;
        }

        return response.Headers.TryGetValues("Retry-After", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromSeconds(1);
    }

    private async Task WaitOutPauseAsync(string method, CancellationToken cancellationToken)
    {
        if (_pausedUntil.TryGetValue(method, out var until) && _time.Until(until) is var wait && wait > TimeSpan.Zero)
        {
            await _time.DelayAsync(wait, cancellationToken);
        }
    }

    /// <summary>1 s, 2 s, 4 s… up to the cap, with jitter so many callers do not come back at once; never under a second.</summary>
    private TimeSpan Backoff(int failures)
    {
        var exponential = Math.Min(_options.MaxBackoffSeconds, Math.Pow(2, failures - 1));
        return TimeSpan.FromSeconds(Math.Max(1, exponential * (0.75 + (Random.Shared.NextDouble() * 0.5))));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} rate limited; waiting {Seconds} s as Retry-After says")]
    private static partial void LogRateLimited(ILogger logger, string method, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} still failing after retries: {Error}")]
    private static partial void LogGaveUp(ILogger logger, string method, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} refused: {Error}")]
    private static partial void LogFailed(ILogger logger, string method, string? error);
}
