using Microsoft.Extensions.Options;
using StatusBot.Core.Board;
using StatusBot.Host.Configuration;
using StatusBot.Host.Web.Http;

namespace StatusBot.Host.Web.Statuspage;

/// <summary>
/// <c>GET /api/v2/summary.json</c>, <c>status.json</c>, <c>components.json</c>, <c>incidents.json</c>,
/// <c>incidents/unresolved.json</c>, <c>scheduled-maintenances.json</c>, <c>scheduled-maintenances/upcoming.json</c> and
/// <c>scheduled-maintenances/active.json</c>, in Atlassian Statuspage's shapes.
/// </summary>
public static class StatuspageEndpoints
{
    public static IEndpointRouteBuilder MapStatuspageApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v2").AddEndpointFilter(Freshness.Api).RequireCors(PublicWeb.CorsPolicy);
        api.MapGet("/summary.json", (Mapper m) =>
        {
            var map = m.Create();
            return Results.Json(
                new SummaryDto(map.Page(), map.Components(), map.UnresolvedIncidents(), map.CurrentMaintenances(), map.Status()),
                StatuspageJsonContext.Default.SummaryDto);
        });
        api.MapGet("/status.json", (Mapper m) =>
        {
            var map = m.Create();
            return Results.Json(new StatusResponseDto(map.Page(), map.Status()), StatuspageJsonContext.Default.StatusResponseDto);
        });
        api.MapGet("/components.json", (Mapper m) =>
        {
            var map = m.Create();
            return Results.Json(new ComponentsResponseDto(map.Page(), map.Components()), StatuspageJsonContext.Default.ComponentsResponseDto);
        });
        api.MapGet("/incidents.json", (Mapper m) =>
        {
            var map = m.Create();
            return Results.Json(new IncidentsResponseDto(map.Page(), map.RecentIncidents()), StatuspageJsonContext.Default.IncidentsResponseDto);
        });
        api.MapGet("/incidents/unresolved.json", (Mapper m) =>
        {
            var map = m.Create();
            return Results.Json(new IncidentsResponseDto(map.Page(), map.UnresolvedIncidents()), StatuspageJsonContext.Default.IncidentsResponseDto);
        });

        api.MapGet("/scheduled-maintenances.json", (Mapper m) => Maintenances(m.Create(), map => map.RecentMaintenances()));
        api.MapGet("/scheduled-maintenances/upcoming.json", (Mapper m) => Maintenances(m.Create(), map => map.UpcomingMaintenances()));
        api.MapGet("/scheduled-maintenances/active.json", (Mapper m) => Maintenances(m.Create(), map => map.ActiveMaintenances()));
        return endpoints;
    }

    private static IResult Maintenances(StatuspageMapper map, Func<StatuspageMapper, List<ScheduledMaintenanceDto>> select) =>
        Results.Json(new ScheduledMaintenancesResponseDto(map.Page(), select(map)), StatuspageJsonContext.Default.ScheduledMaintenancesResponseDto);

    /// <summary>Builds a mapper over the current state for one request.</summary>
    internal sealed class Mapper(StatusBoard board, IOptions<StatusBotOptions> options, TimeProvider time)
    {
        public StatuspageMapper Create() => new(board.Current, options.Value.Web, time.GetUtcNow());
    }
}
