using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace StatusBot.Host.Tests.Web;

/// <summary>
/// What outside HTTP clients rely on: HEAD on every GET route, the security headers on every answer, CORS on the public
/// read API only, validators with 304, and gzip and brotli. The routes come from the app's endpoint data source, so a
/// route added later is checked too.
/// </summary>
public sealed class HttpFidelityTests(ServeFixture serve) : IClassFixture<ServeFixture>
{
    private static readonly string[] PublicRead =
    [
        "/api/v2/summary.json", "/api/v2/status.json", "/api/v2/components.json", "/api/v2/incidents.json", "/api/v2/incidents/unresolved.json",
        "/api/v2/scheduled-maintenances.json", "/api/v2/scheduled-maintenances/upcoming.json", "/api/v2/scheduled-maintenances/active.json", "/feed.atom",
    ];

    private static readonly string[] NotPublicRead = ["/", "/incidents/INC-1", "/healthz", "/metrics", "/openapi/v1.json", "/api/admin/incidents"];

    [Fact]
    public async Task EveryGetRoute_Head_AnswersAsGetWithoutABody()
    {
        var failures = new List<string>();
        foreach (var path in GetRoutes())
        {
            using var get = await serve.Client.GetAsync(path);
            using var head = await serve.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

            if (head.StatusCode != get.StatusCode || head.Content.Headers.ContentType?.MediaType != get.Content.Headers.ContentType?.MediaType)
            {
                failures.Add($"HEAD {path}: {(int)head.StatusCode} {head.Content.Headers.ContentType} (GET: {(int)get.StatusCode} {get.Content.Headers.ContentType})");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Contains("/api/v2/components.json", GetRoutes());
    }

    [Fact]
    public async Task Head_OnTheWire_HasHeadersAndNoBody()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(serve.Client.BaseAddress!.Host, serve.Client.BaseAddress.Port);
        var stream = client.GetStream();
        await stream.WriteAsync("HEAD /api/v2/components.json HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"u8.ToArray());
        using var answer = new MemoryStream();
        await stream.CopyToAsync(answer);
        var text = Encoding.ASCII.GetString(answer.ToArray());

        Assert.StartsWith("HTTP/1.1 200 OK\r\n", text, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/json", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryAnswer_HasTheSecurityHeadersAndNoServerHeader()
    {
        var failures = new List<string>();
        var requests = GetRoutes().Select(p => new HttpRequestMessage(HttpMethod.Get, p))
            .Append(new HttpRequestMessage(HttpMethod.Get, "/incidents/INC-999"))
            .Append(new HttpRequestMessage(HttpMethod.Post, "/api/admin/incidents") { Content = new StringContent("{}", Encoding.UTF8, "application/json") })
            .Append(new HttpRequestMessage(HttpMethod.Get, "/no/such/route"));
        foreach (var request in requests)
        {
            using var response = await serve.Client.SendAsync(request);
            var csp = string.Join(",", response.Headers.TryGetValues("Content-Security-Policy", out var v) ? v : []);
            if (!csp.Contains("frame-ancestors 'none'", StringComparison.Ordinal) || !csp.Contains("default-src 'none'", StringComparison.Ordinal)
                || !csp.Contains("script-src 'sha256-", StringComparison.Ordinal) || csp.Contains("unsafe-eval", StringComparison.Ordinal)
                || Header(response, "X-Content-Type-Options") != "nosniff" || Header(response, "X-Frame-Options") != "DENY"
                || Header(response, "Referrer-Policy") != "no-referrer" || response.Headers.Server.Count > 0)
            {
                failures.Add($"{request.Method} {request.RequestUri}: {(int)response.StatusCode} {response.Headers}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task PublicReadApi_AnyOrigin_MayReadAndPreflight()
    {
        foreach (var path in PublicRead)
        {
            using var get = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "Origin", "https://widget.example" } } };
            using var answer = await serve.Client.SendAsync(get);
            using var preflight = await serve.Client.SendAsync(Preflight(path));

            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal("*", Header(answer, "Access-Control-Allow-Origin"));
            Assert.Contains("ETag", Header(answer, "Access-Control-Expose-Headers") ?? "", StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
            Assert.Equal("*", Header(preflight, "Access-Control-Allow-Origin"));
            Assert.Contains("GET", Header(preflight, "Access-Control-Allow-Methods") ?? "", StringComparison.Ordinal);
            Assert.Contains("if-none-match", (Header(preflight, "Access-Control-Allow-Headers") ?? "").ToLowerInvariant(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task OtherRoutes_NoCorsHeaders()
    {
        foreach (var path in NotPublicRead)
        {
            using var get = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "Origin", "https://widget.example" } } };
            using var answer = await serve.Client.SendAsync(get);
            using var preflight = await serve.Client.SendAsync(Preflight(path));

            Assert.Null(Header(answer, "Access-Control-Allow-Origin"));
            Assert.Null(Header(preflight, "Access-Control-Allow-Origin"));
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/incidents/INC-1")]
    [InlineData("/feed.atom")]
    [InlineData("/api/v2/summary.json")]
    [InlineData("/api/v2/components.json")]
    public async Task ReadRoute_SameVersion_Is304UntilTheBoardChanges(string path)
    {
        using var first = await serve.Client.GetAsync(path);
        var etag = first.Headers.ETag!;
        var lastModified = first.Content.Headers.LastModified!.Value;

        using var again = await Conditional(path, r => r.Headers.IfNoneMatch.Add(etag));
        using var byDate = await Conditional(path, r => r.Headers.IfModifiedSince = lastModified);
        await serve.RunAsync("incident update INC-1 monitoring A fix is rolling out");
        using var changed = await Conditional(path, r => r.Headers.IfNoneMatch.Add(etag));

        Assert.True(etag.IsWeak);
        Assert.Equal("no-cache", first.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, again.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, byDate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/feed.atom")]
    public async Task LocalizedRoute_EachLanguage_HasItsOwnVersion(string path)
    {
        using var english = await serve.Client.GetAsync(path + "?lang=en");
        using var french = await Conditional(path + "?lang=fr", r => r.Headers.IfNoneMatch.Add(english.Headers.ETag!));
        using var byHeader = await Conditional(path, r =>
        {
            r.Headers.AcceptLanguage.ParseAdd("fr-FR");
            r.Headers.IfNoneMatch.Add(english.Headers.ETag!);
        });

        Assert.Equal(HttpStatusCode.OK, french.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byHeader.StatusCode);
        Assert.Contains("Accept-Language", english.Headers.Vary);
    }

    [Fact]
    public async Task UnknownIncident_HasNoValidators()
    {
        using var missing = await serve.Client.GetAsync("/incidents/INC-999");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Null(missing.Headers.ETag);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task ReadRoute_AcceptEncoding_IsCompressed(string encoding)
    {
        foreach (var path in (string[])["/", "/feed.atom", "/api/v2/summary.json"])
        {
            var plain = await serve.Client.GetStringAsync(path);
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.AcceptEncoding.ParseAdd(encoding);
            using var response = await serve.Client.SendAsync(request);
            var compressed = await response.Content.ReadAsByteArrayAsync();
            await using Stream decoder = encoding == "br"
                ? new BrotliStream(new MemoryStream(compressed), CompressionMode.Decompress)
                : new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
            using var reader = new StreamReader(decoder, Encoding.UTF8);

            Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
            Assert.True(compressed.Length < Encoding.UTF8.GetByteCount(plain), $"{path}: {compressed.Length} bytes compressed");
            Assert.Equal(plain, await reader.ReadToEndAsync());
        }
    }

    /// <summary>Every GET route of the app, with INC-1 for an incident id.</summary>
    private List<string> GetRoutes() =>
    [
        .. serve.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/').Replace("{id}", "INC-1", StringComparison.Ordinal))
            .Where(p => !p.Contains('{', StringComparison.Ordinal))
            .Distinct(),
    ];

    private async Task<HttpResponseMessage> Conditional(string path, Action<HttpRequestMessage> set)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        set(request);
        return await serve.Client.SendAsync(request);
    }

    private static HttpRequestMessage Preflight(string path) => new(HttpMethod.Options, path)
    {
        Headers = { { "Origin", "https://widget.example" }, { "Access-Control-Request-Method", "GET" }, { "Access-Control-Request-Headers", "if-none-match" } },
    };

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values) : null;
}
