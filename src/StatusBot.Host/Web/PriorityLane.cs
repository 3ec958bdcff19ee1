using StatusBot.Core.Board;

namespace StatusBot.Host.Web;

/// <summary>
/// Two threads of their own for the requests that must stay quick while a crowd of chat questions fills the thread pool:
/// the admin API, so an on-call engineer's update in the middle of the outage is not queued behind the crowd. Such a
/// request runs from routing to its answer on these threads, and so do its awaits (the board's answer included).
/// Everything else stays on the pool, the health checks included on purpose: they must fail if the pool is wedged,
/// so that the orchestrator restarts the instance or the load balancer takes it out.
/// </summary>
public sealed class PriorityLane : IDisposable
{
    private static readonly PathString Admin = "/api/admin";

    private readonly DedicatedThreadScheduler _threads = new("statusbot priority lane", 2);

    // Asked of every request, questions included: one comparison, no allocation.
    public static bool Takes(PathString path) => path.StartsWithSegments(Admin);

    /// <summary>Middleware: runs the rest of the pipeline on the lane for the paths it takes.</summary>
    public Task InvokeAsync(HttpContext context, RequestDelegate next) =>
        Takes(context.Request.Path) ? _threads.Run(() => next(context)) : next(context);

    public void Dispose() => _threads.Dispose();
}
