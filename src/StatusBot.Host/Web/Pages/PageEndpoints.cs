using Microsoft.Extensions.Options;
using StatusBot.Core.Board;
using StatusBot.Core.Domain;
using StatusBot.Host.Configuration;
using StatusBot.Host.Web.Http;

namespace StatusBot.Host.Web.Pages;

/// <summary>
/// <c>GET /</c> (the status page), <c>GET /incidents/{id}</c> (incidents and maintenance windows), <c>GET /feed.atom</c> and
/// <c>GET /local-time.js</c> (the page's script that shows the visitor's own time beside each UTC time).
/// </summary>
public static class PageEndpoints
{
    public static IEndpointRouteBuilder MapStatusPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", (HttpRequest request, StatusBoard board, IOptions<StatusBotOptions> options, TimeProvider time) =>
            Html(Page(request, board, options.Value, time).Home())).AddEndpointFilter(Freshness.Page);

        endpoints.MapGet("/incidents/{id}", (string id, HttpRequest request, StatusBoard board, IOptions<StatusBotOptions> options, TimeProvider time) =>
        {
            var page = Page(request, board, options.Value, time);
            if (IncidentIds.TryNormalize(id, out var normalized) && board.Current.FindIncident(normalized) is { } incident)
            {
                return Html(page.Incident(incident));
            }

            return MaintenanceTimeline.Find(board.Current, id) is { } maintenance
                ? Html(page.Maintenance(maintenance))
                : Html(page.NotFound(), StatusCodes.Status404NotFound);
        }).AddEndpointFilter(Freshness.Page);

        endpoints.MapGet("/feed.atom", (HttpRequest request, StatusBoard board, IOptions<StatusBotOptions> options, TimeProvider time) =>
        {
            var l = Localizer.For(PageLanguage.Choose(request, options.Value.Locale));
            return Results.Text(AtomFeed.Render(board.Current, options.Value.Web, l, time.GetUtcNow()), "application/atom+xml; charset=utf-8");
        }).AddEndpointFilter(Freshness.Feed).RequireCors(PublicWeb.CorsPolicy);

        endpoints.MapGet(LocalTimeScript.Path, (HttpResponse response) =>
        {
            response.Headers.CacheControl = "public, max-age=3600";
            return Results.Text(LocalTimeScript.Code, "text/javascript; charset=utf-8");
        });
        return endpoints;
    }

    private static StatusPage Page(HttpRequest request, StatusBoard board, StatusBotOptions options, TimeProvider time) =>
        new(
            board.Current,
            options.Web,
            Localizer.For(PageLanguage.Choose(request, options.Locale)),
            time.GetUtcNow(),
            autoRefresh: !string.Equals(request.Query["refresh"], "off", StringComparison.OrdinalIgnoreCase))
        {
            // The demo's page has no monitoring configuration: its story's services are all watched.
            IsMonitored = request.HttpContext.RequestServices.GetService<MonitoredServices>() is { } monitored ? monitored.IsMonitored : _ => true,
        };

    private static IResult Html(string html, int status = StatusCodes.Status200OK) =>
        Results.Content(html, "text/html; charset=utf-8", statusCode: status);
}
