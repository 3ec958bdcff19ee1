using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Prometheus;

namespace StatusBot.Host.Web.Http;

/// <summary>
/// Middleware after routing: the request series prometheus-net's <c>UseHttpMetrics</c> exports, with the same names,
/// labels and values (<c>http_requests_in_progress</c>, <c>http_requests_received_total</c>, and the request-duration
/// histogram given; <c>code</c> reduced to <c>2xx</c>…, <c>endpoint</c> the route's pattern, <c>controller</c> and
/// <c>action</c> empty on these minimal routes), in one step instead of four, and without building the label values of
/// each request: an endpoint's series for a method are looked up once and kept.
/// </summary>
public sealed class RequestMetrics(RequestDelegate next, Histogram duration)
{
    private static readonly Gauge InProgress = Metrics.CreateGauge(
        "http_requests_in_progress",
        "The number of requests currently in progress in the ASP.NET Core pipeline. One series without controller/action label values counts all in-progress requests, with separate series existing for each controller-action pair.",
        new GaugeConfiguration { LabelNames = ["method", "controller", "action", "endpoint"] });

    private static readonly Counter Received = Metrics.CreateCounter(
        "http_requests_received_total",
        "Provides the count of HTTP requests that have been processed by the ASP.NET Core pipeline.",
        new CounterConfiguration { LabelNames = ["code", "method", "controller", "action", "endpoint"] });

    // Only the standard methods are kept: the method is the client's to choose, and the memory is not.
    private static readonly string[] KeptMethods =
        [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete, HttpMethods.Options];

    private readonly ConcurrentDictionary<(string Method, Endpoint? Endpoint), Series> _kept = new();

    public async Task InvokeAsync(HttpContext context)
    {
        var series = SeriesFor(context.Request.Method, context.GetEndpoint());
        var started = Stopwatch.GetTimestamp();
        series.InProgress.Inc();
        try
        {
            await next(context);
        }
        finally
        {
            series.InProgress.Dec();
            series.Finish(context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    private Series SeriesFor(string method, Endpoint? endpoint)
    {
        var canonical = HttpMethods.GetCanonicalizedValue(method);
        if (Array.IndexOf(KeptMethods, canonical) < 0)
        {
            return new Series(method, endpoint, duration);
        }

        return _kept.TryGetValue((canonical, endpoint), out var kept)
            ? kept
            : _kept.GetOrAdd((canonical, endpoint), static (key, histogram) => new Series(key.Method, key.Endpoint, histogram), duration);
    }

    /// <summary>One endpoint's series for one method; those for each status class are made when first needed.</summary>
    private sealed class Series
    {
        private readonly string _method;
        private readonly string _endpoint;
        private readonly Histogram _duration;
        private readonly Counter.Child?[] _received = new Counter.Child?[10];
        private readonly Histogram.Child?[] _durations = new Histogram.Child?[10];

        public Series(string method, Endpoint? endpoint, Histogram duration)
        {
            _method = method;
            _endpoint = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? "";
            _duration = duration;
            InProgress = RequestMetrics.InProgress.WithLabels(method, "", "", _endpoint);
        }

        public Gauge.Child InProgress { get; }

        public void Finish(int status, double seconds)
        {
            var kind = status / 100;
            if (kind is < 1 or > 9)
            {
                var code = status.ToString(CultureInfo.InvariantCulture);
                Received.WithLabels(code, _method, "", "", _endpoint).Inc();
                _duration.WithLabels(code, _method, "", "", _endpoint).Observe(seconds);
                return;
            }

            (_received[kind] ??= Received.WithLabels(Class(kind), _method, "", "", _endpoint)).Inc();
            (_durations[kind] ??= _duration.WithLabels(Class(kind), _method, "", "", _endpoint)).Observe(seconds);
        }

        private static string Class(int kind) => string.Create(CultureInfo.InvariantCulture, $"{kind}xx");
    }
}
