namespace StatusBot.Host.Web.Http;

/// <summary>
/// Middleware before routing: a HEAD request is routed as the GET of the same path, so every GET route answers HEAD with
/// the same status and headers (uptime monitors and Statuspage clients probe with HEAD). Kestrel keeps the method it
/// parsed and sends no body for it, whatever the route writes.
/// </summary>
public sealed class HeadAsGet(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsHead(context.Request.Method))
        {
            context.Request.Method = HttpMethods.Get;
        }

        return next(context);
    }
}
