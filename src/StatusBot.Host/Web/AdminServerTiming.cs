using System.Diagnostics;
using System.Globalization;

namespace StatusBot.Host.Web;

/// <summary>
/// Each answer of the admin API carries <c>Server-Timing: app;dur=…</c>, the milliseconds from the routed request to the
/// answer's headers, so an operator (or the load generator) reads the server's own time for each update.
/// </summary>
public static class AdminServerTiming
{
    private static readonly PathString Admin = "/api/admin";

    /// <summary>Middleware: stamps the admin API's answers; every other request passes untouched.</summary>
    public static Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.StartsWithSegments(Admin))
        {
            context.Response.OnStarting(
                static state =>
                {
                    var (response, started) = ((HttpResponse, long))state;
                    var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    response.Headers["Server-Timing"] = "app;dur=" + milliseconds.ToString("0.###", CultureInfo.InvariantCulture);
                    return Task.CompletedTask;
                },
                (context.Response, Stopwatch.GetTimestamp()));
        }

        return next(context);
    }
}
