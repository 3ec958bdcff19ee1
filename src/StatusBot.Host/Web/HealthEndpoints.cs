using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StatusBot.Core.Board;
using StatusBot.Monitoring;

namespace StatusBot.Host.Web;

/// <summary>
/// <c>GET /healthz</c> (the process answers) and <c>GET /readyz</c> (state recovered, store writable), through ASP.NET Core's
/// health checks: <see cref="ReadinessCheck"/> decides, and both routes answer the same JSON body
/// (<c>{"status":"ok|degraded|unavailable","checks":{…}}</c>), 200 unless unavailable (503).
/// </summary>
public static class HealthEndpoints
{
    private const string Ready = "ready";

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<ReadinessCheck>(Ready, tags: [Ready]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        // Alive: answering is the whole check.
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get]));
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync })
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get]));
        return endpoints;
    }

    /// <summary>
    /// 503 until the state is recovered, or while this instance's own journal refuses writes (another instance can take
    /// the traffic). An unreachable shared database is "degraded", still 200: every instance answers reads from memory and
    /// refuses writes with a clear error, so taking them all out of the load balancer would only add a second outage.
    /// A monitoring loop that stopped makes the instance not ready, naming it: its services would otherwise look watched.
    /// </summary>
    internal static HealthCheckResult Readiness(StatusBoard board, ILeadership leadership, ISharedStoreStatus? shared, MonitoringHealth? monitoring = null)
    {
        var checks = new Dictionary<string, object> { ["state"] = board.IsStarted ? "ok" : "recovering" };
        var degraded = false;
        if (shared is null)
        {
            checks["journal"] = board.StoreError is null ? "ok" : "failing: " + board.StoreError;
        }
        else
        {
            var error = shared.LastError ?? board.StoreError;
            var database = shared.Connected && board.StoreError is null ? "ok" : "failing: " + (error ?? "not connected");
            checks["database"] = database;
            degraded = database != "ok";
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

        var ready = board.IsStarted && (shared is not null || board.StoreError is null) && stopped.Count == 0;
        return !ready ? HealthCheckResult.Unhealthy(data: checks) : degraded ? HealthCheckResult.Degraded(data: checks) : HealthCheckResult.Healthy(data: checks);
    }

    /// <summary>The body both routes answer: the overall status and, for <c>/readyz</c>, what each check found.</summary>
    internal static HealthBody Body(HealthReport report)
    {
        var status = report.Status switch
        {
            HealthStatus.Healthy => "ok",
            HealthStatus.Degraded => "degraded",
            _ => "unavailable",
        };
        Dictionary<string, string>? checks = null;
        foreach (var entry in report.Entries.Values)
        {
            checks ??= [];
            foreach (var (name, value) in entry.Data)
            {
                checks[name] = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
            }

            if (entry.Exception is { } exception)
            {
                checks[Ready] = "failing: " + exception.Message;
            }
        }

        return new HealthBody(status, checks);
    }

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(http.Response.Body, Body(report), HostJsonContext.Default.HealthBody, http.RequestAborted);
    }
}

/// <summary>Whether this instance should take traffic (see <see cref="HealthEndpoints.Readiness"/>).</summary>
internal sealed class ReadinessCheck(StatusBoard board, ILeadership leadership, IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthEndpoints.Readiness(board, leadership, services.GetService<ISharedStoreStatus>(), services.GetService<MonitoringHealth>()));
}
