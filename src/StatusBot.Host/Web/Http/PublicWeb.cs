using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace StatusBot.Host.Web.Http;

/// <summary>
/// What every web answer gets, in <c>serve</c> and in <c>demo --web</c>: the security headers, HEAD on every GET route,
/// gzip and brotli for the read routes, and the CORS policy of the public read API (Statuspage JSON and the feed).
/// </summary>
public static class PublicWeb
{
    /// <summary>Any origin may read the Statuspage JSON and the feed, as on a public Statuspage page: widgets on other sites use them.</summary>
    public const string CorsPolicy = "public-read";

    public static IServiceCollection AddPublicWeb(this IServiceCollection services)
    {
        services.AddCors(o => o.AddPolicy(CorsPolicy, p => p
            .AllowAnyOrigin()
            .WithMethods(HttpMethods.Get, HttpMethods.Head)
            .AllowAnyHeader()
            .WithExposedHeaders("ETag")
            .SetPreflightMaxAge(TimeSpan.FromDays(1))));

        // Public pages carry no secret for BREACH to recover, so compression over HTTPS is safe for them; only GET and HEAD
        // answers are compressed (see UsePublicWeb), never the chat adapters' or the admin API's.
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, "application/atom+xml", "application/problem+json", "image/svg+xml"];
        });
        // Brotli's "optimal" is its quality 4 in .NET: smaller than gzip for well under a millisecond on a 20 KB page.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.AddSingleton<ContentVersion>();
        return services;
    }

    /// <summary>The middleware that goes before routing: headers, compression of reads, HEAD answered as GET.</summary>
    public static IApplicationBuilder UsePublicWeb(this IApplicationBuilder app)
    {
        app.UseMiddleware<SecurityHeaders>();
        app.UseWhen(c => HttpMethods.IsGet(c.Request.Method) || HttpMethods.IsHead(c.Request.Method), b => b.UseResponseCompression());
        app.UseMiddleware<HeadAsGet>();
        return app;
    }
}
