using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using StatusBot.Core.Board;
using StatusBot.Host.Configuration;
using StatusBot.Host.Web.Pages;

namespace StatusBot.Host.Web.Http;

/// <summary>
/// Endpoint filters for the read routes: each answer carries a weak <c>ETag</c>, <c>Last-Modified</c> and
/// <c>Cache-Control: no-cache</c> (kept, but asked again each time), and a request whose <c>If-None-Match</c> (or, without
/// it, <c>If-Modified-Since</c>) still matches gets 304 without the answer being rendered.
/// </summary>
public static class Freshness
{
    private static readonly IResult NotModified = Results.StatusCode(StatusCodes.Status304NotModified);

    /// <summary>The Statuspage JSON: the same for every reader.</summary>
    public static ValueTask<object?> Api(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        CheckAsync(context, next, html: false, localized: false);

    /// <summary>The feed: in the reader's language.</summary>
    public static ValueTask<object?> Feed(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        CheckAsync(context, next, html: false, localized: true);

    /// <summary>The pages: in the reader's language, with or without the refresh, changing every minute (relative times).</summary>
    public static ValueTask<object?> Page(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        CheckAsync(context, next, html: true, localized: true);

    private static async ValueTask<object?> CheckAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, bool html, bool localized)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        var state = services.GetRequiredService<StatusBoard>().Current;
        var options = services.GetRequiredService<IOptions<StatusBotOptions>>().Value;
        var version = services.GetRequiredService<ContentVersion>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();

        var step = html ? ContentVersion.Minute(now) : ContentVersion.ClockStep(state, now);
        var variant = "";
        if (localized)
        {
            variant = "-" + PageLanguage.Choose(http.Request, options.Locale).Name;
            http.Response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptLanguage);
        }

        if (html && string.Equals(http.Request.Query["refresh"], "off", StringComparison.OrdinalIgnoreCase))
        {
            variant += "-still";
        }

        var etag = version.ETag(state, options.Web, step, variant);
        var lastModified = version.LastModified(state, step);
        var headers = http.Response.GetTypedHeaders();
        headers.ETag = EntityTagHeaderValue.Parse(etag);
        headers.LastModified = lastModified;
        headers.CacheControl = new CacheControlHeaderValue { NoCache = true };

        if (Matches(http.Request, headers.ETag, lastModified))
        {
            return NotModified;
        }

        var result = await next(context);
        if (result is IStatusCodeHttpResult { StatusCode: not (null or StatusCodes.Status200OK) })
        {
            // An unknown incident's page is not a version of anything.
            http.Response.Headers.Remove(HeaderNames.ETag);
            http.Response.Headers.Remove(HeaderNames.LastModified);
        }

        return result;
    }

    private static bool Matches(HttpRequest request, EntityTagHeaderValue etag, DateTimeOffset lastModified)
    {
        var headers = request.GetTypedHeaders();
        if (headers.IfNoneMatch is { Count: > 0 } tags)
        {
            // RFC 9110: weak comparison for If-None-Match; If-Modified-Since is then ignored.
            return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false));
        }

        return headers.IfModifiedSince is { } since && lastModified <= since;
    }
}
