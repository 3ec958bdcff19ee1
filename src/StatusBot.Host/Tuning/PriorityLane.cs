namespace StatusBot.Host.Tuning;

/// <summary>
/// Two threads of their own for the requests that must stay quick while a crowd of chat questions fills the thread pool:
/// the admin API, so an on-call engineer's update in the middle of the outage is not queued behind the crowd. Such a
/// request runs from routing to its answer on these threads, and so do its awaits. Everything else stays on the pool, the
/// health checks included on purpose: they must fail if the pool is wedged, so that the orchestrator restarts the
/// instance or the load balancer takes it out. The lane's threads ask the OS to run ahead of the crowd's
/// (<see cref="UrgentThread"/>), where it allows that.
/// </summary>
public sealed partial class PriorityLane : IDisposable
{
    private static readonly PathString Admin = "/api/admin";

    private readonly DedicatedThreadScheduler _threads = new("statusbot priority lane", 2, urgent: true);

    public PriorityLane(ILogger<PriorityLane> logger)
    {
        if (!_threads.RunsUrgent)
        {
            LogNormalPriority(logger, UrgentThread.Nice, 20 - UrgentThread.Nice);
        }
    }

    // Asked of every request, questions included: one comparison, no allocation.
    public static bool Takes(PathString path) => path.StartsWithSegments(Admin);

    /// <summary>Middleware: runs the rest of the pipeline on the lane for the paths it takes.</summary>
    public Task InvokeAsync(HttpContext context, RequestDelegate next) =>
        Takes(context.Request.Path) ? _threads.Run(() => RunToTheAnswerAsync(context, next)) : next(context);

    public void Dispose() => _threads.Dispose();

    private static async Task RunToTheAnswerAsync(HttpContext context, RequestDelegate next)
    {
        await next(context);

        // Finish the answer here. The middleware before the lane resumes on the pool, so the answer's last bytes (the end
        // of a chunked body) would otherwise wait in the pool's queue behind the crowd.
        await context.Response.CompleteAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The admin API's priority lane runs at normal priority: the OS refused both real time and nice {Nice}. Under a crowd that keeps every core busy, its answers then wait longer for a core; grant CAP_SYS_NICE or RLIMIT_RTPRIO 1 (docker run --ulimit rtprio=1), or at least RLIMIT_NICE {Limit} (--ulimit nice={Limit})")]
    private static partial void LogNormalPriority(ILogger logger, int nice, int limit);
}
