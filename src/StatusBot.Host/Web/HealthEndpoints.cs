using StatusBot.Core.Board;

namespace StatusBot.Host.Web;

/// <summary><c>GET /healthz</c> (the process answers) and <c>GET /readyz</c> (state recovered, store writable).</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Json(new HealthBody("ok", null), HostJsonContext.Default.HealthBody));
        endpoints.MapGet("/readyz", (StatusBoard board) =>
        {
            var checks = new Dictionary<string, string>
            {
                ["state"] = board.IsStarted ? "ok" : "recovering",
                ["journal"] = board.StoreError is null ? "ok" : "failing: " + board.StoreError,
            };
            var ready = checks.Values.All(v => v == "ok");
            return Results.Json(new HealthBody(ready ? "ok" : "unavailable", checks), HostJsonContext.Default.HealthBody, statusCode: ready ? 200 : 503);
        });
        return endpoints;
    }
}
