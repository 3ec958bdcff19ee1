using System.Security.Cryptography;
using System.Text;
using StatusBot.Host.Web.Pages;

namespace StatusBot.Host.Web.Http;

/// <summary>
/// Middleware: the security headers on every answer. The page loads nothing from elsewhere, so the policy allows nothing
/// but its own inline stylesheet, the one inline script that refreshes it (by its hash), its own script file
/// (<c>/local-time.js</c>, <c>'self'</c>), and the data-URL favicon; no site
/// may frame it; the browser never sniffs a type; no referrer leaves. (Kestrel's <c>Server</c> header is turned off
/// where Kestrel is configured.)
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    /// <summary>
    /// <c>style-src 'unsafe-inline'</c>: the one stylesheet is inline and styles run no code; every text on the page is
    /// HTML-encoded, so no visitor's input can add markup to style.
    /// </summary>
    public static readonly string ContentSecurityPolicy =
        "default-src 'none'; script-src " + Hash(StatusPage.RefreshCode) + " 'self'; style-src 'unsafe-inline'; img-src 'self' data:; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        // On start, so an answer written after a middleware cleared the headers (a refused body) still has them.
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpResponse)state).Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    }

    private static string Hash(string script) => "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script))) + "'";
}
