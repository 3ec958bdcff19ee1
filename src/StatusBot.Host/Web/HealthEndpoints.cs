using System.Globalization;
using StatusBot.Core.Board;
using StatusBot.Monitoring;

namespace StatusBot.Host.Web;

/// <summary><c>GET /healthz</c> (the process answers) and <c>GET /readyz</c> (state recovered, store writable).</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Json(new HealthBody("ok", null), HostJsonContext.Default.HealthBody));
        endpoints.MapGet("/readyz", (StatusBoard board, ILeadership leadership, IServiceProvider services) =>
        {
            var (code, body) = Readiness(board, leadership, services.GetService<ISharedStoreStatus>(), services.GetService<MonitoringHealth>());
            return Results.Json(body, HostJsonContext.Default.HealthBody, statusCode: code);
        });
        return endpoints;
    }

    /// <summary>
    /// 503 until the state is recovered, or while this instance's own journal refuses writes (another instance can take
    /// the traffic). An unreachable shared database is "degraded", still 200: every instance answers reads from memory and
    /// refuses writes with a clear error, so taking them all out of the load balancer would only add a second outage.
    /// A monitoring loop that stopped makes the instance not ready, naming it: its services would otherwise look watched.
    /// </summary>
    internal static (int StatusCode, HealthBody Body) Readiness(StatusBoard board, ILeadership leadership, ISharedStoreStatus? shared, MonitoringHealth? monitoring = null)
    {
        var checks = new Dictionary<string, string> { ["state"] = board.IsStarted ? "ok" : "recovering" };
        var degraded = false;
        if (shared is null)
        {
            checks["journal"] = board.StoreError is null ? "ok" : "failing: " + board.StoreError;
        }
        else
        {
            var error = shared.LastError ?? board.StoreError;
            checks["database"] = shared.Connected && board.StoreError is null ? "ok" : "failing: " + (error ?? "not connected");
            degraded = checks["database"] != "ok";
            checks["instance"] = shared.InstanceId;
            checks["role"] = leadership.IsLeader ? "leader" : "follower";
            if (board.IsStarted)
            {
                var applied = board.Current.Sequence;
                checks["sequence"] = applied.ToString(CultureInfo.InvariantCulture);
                checks["behind"] = Math.Max(0, shared.HeadSequence - applied).ToString(CultureInfo.InvariantCulture);
            }
        }

        var stopped = monitoring?.Stopped ?? [];
        if (stopped.Count > 0)
        {
            checks["monitoring"] = "failing: " + string.Join("; ", stopped.Select(s => $"{s.Key} stopped: {s.Value}"));
        }

        var ready = checks["state"] == "ok" && checks.GetValueOrDefault("journal", "ok") == "ok" && stopped.Count == 0;
        var status = !ready ? "unavailable" : degraded ? "degraded" : "ok";
        return (ready ? 200 : 503, new HealthBody(status, checks));
    }
}
