using StatusBot.Core.Board;

namespace StatusBot.Host.Web;

/// <summary>
/// Two threads of their own for the requests that must stay quick while a crowd of chat questions fills the thread pool:
/// the admin API (an on-call engineer posting an update in the middle of the outage) and the health checks (a load
/// balancer that sees them time out takes the instance out just when it is needed). Such a request runs from routing to
/// its answer on these threads, and so do its awaits (the board's answer included); it never waits in the pool's queue
/// behind the questions. Everything else stays on the pool.
/// </summary>
public sealed class PriorityLane : IDisposable
{
    private static readonly PathString[] Prefixes = ["/api/admin", "/healthz", "/readyz"];

    private readonly DedicatedThreadScheduler _threads = new("statusbot priority lane", 2);

    public static bool Takes(PathString path) => Prefixes.Any(path.StartsWithSegments);

    /// <summary>Middleware: runs the rest of the pipeline on the lane for the paths it takes.</summary>
    public Task InvokeAsync(HttpContext context, RequestDelegate next) =>
        Takes(context.Request.Path) ? _threads.Run(() => next(context)) : next(context);

    public void Dispose() => _threads.Dispose();
}
