using System.Diagnostics;
using System.Net;

namespace StatusBot.Host.Tests.Web;

/// <summary>
/// The real serve app read by the tools people point at it: Prometheus's <c>promtool</c> lints the scrape, Python's
/// feedparser reads the Atom feed, curl probes with HEAD, CORS and conditional requests. Each test skips, saying why,
/// where its tool is not installed (.ci/run installs them with apt-get: prometheus, python3-feedparser, curl).
/// </summary>
public sealed class ExternalToolTests(ServeFixture serve) : IClassFixture<ServeFixture>
{
    private const string Promtool = "/usr/bin/promtool";
    private const string Python = "/usr/bin/python3";
    private const string Curl = "/usr/bin/curl";

    [SkippableFact]
    public async Task Metrics_Scrape_PassesPromtoolCheckMetrics()
    {
        Skip.IfNot(File.Exists(Promtool), $"{Promtool} is not installed (Debian package prometheus; .ci/run installs it).");
        await serve.Client.GetStringAsync("/");
        await serve.Client.GetStringAsync("/api/v2/summary.json");
        var scrape = await serve.Client.GetStringAsync("/metrics");

        var (code, output) = await RunAsync(Promtool, ["check", "metrics"], scrape);

        Assert.True(code == 0 && output.Trim().Length == 0, $"promtool check metrics exited {code}:\n{output}");
        Assert.Contains("dotnet_collection_count_total", scrape, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Feed_ParsedByFeedparser_IsWellFormedWithTheIncidentUpdates()
    {
        Skip.IfNot(File.Exists(Python) && (await RunAsync(Python, ["-c", "import feedparser"], "")).Code == 0, "Python's feedparser is not installed (Debian package python3-feedparser; .ci/run installs it).");
        var feed = await serve.Client.GetStringAsync("/feed.atom?lang=en");
        const string Script = """
            import sys, feedparser
            d = feedparser.parse(sys.stdin.buffer.read())
            print("bozo", d.bozo, getattr(d, "bozo_exception", ""))
            print("version", d.version)
            print("title", d.feed.title)
            for e in d.entries:
                print("entry", e.id, "|", e.title, "|", e.updated, "|", e.link)
            """;

        var (code, output) = await RunAsync(Python, ["-c", Script], feed);

        Assert.True(code == 0, output);
        Assert.Contains("bozo False", output, StringComparison.Ordinal);
        Assert.Contains("version atom10", output, StringComparison.Ordinal);
        // Links point at the public address the app resolved, the one the JSON API names as the page's url.
        using var summary = System.Text.Json.JsonDocument.Parse(await serve.Client.GetStringAsync("/api/v2/summary.json"));
        var page = summary.RootElement.GetProperty("page").GetProperty("url").GetString()!.TrimEnd('/');
        Assert.Contains($"entry {page}/incidents/INC-1#update-2 | INC-1", output, StringComparison.Ordinal);
        Assert.Contains($"| {page}/incidents/INC-1", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Curl_HeadCorsAndConditionalGet_AnswerAsAClientExpects()
    {
        Skip.IfNot(File.Exists(Curl), $"{Curl} is not installed (.ci/run installs it with apt-get).");
        var url = new Uri(serve.Client.BaseAddress!, "/api/v2/components.json").ToString();

        var (_, head) = await RunAsync(Curl, ["-sS", "-I", url], "");
        var (_, cors) = await RunAsync(Curl, ["-sS", "-D", "-", "-o", "/dev/null", "-H", "Origin: https://widget.example", url], "");
        var (_, preflight) = await RunAsync(Curl, ["-sS", "-D", "-", "-o", "/dev/null", "-X", "OPTIONS", "-H", "Origin: https://widget.example", "-H", "Access-Control-Request-Method: GET", url], "");
        var etag = Line(head, "etag");
        var (_, revalidated) = await RunAsync(Curl, ["-sS", "-o", "/dev/null", "-w", "%{http_code}", "-H", "If-None-Match: " + etag, url], "");
        var (_, compressed) = await RunAsync(Curl, ["-sS", "--compressed", "-D", "-", "-o", "/dev/null", url], "");

        Assert.StartsWith("HTTP/1.1 200", head, StringComparison.Ordinal);
        Assert.StartsWith("W/\"", etag, StringComparison.Ordinal);
        Assert.Equal("*", Line(cors, "access-control-allow-origin"));
        Assert.StartsWith("HTTP/1.1 204", preflight, StringComparison.Ordinal);
        Assert.Equal("*", Line(preflight, "access-control-allow-origin"));
        Assert.Equal("304", revalidated);
        Assert.Contains(Line(compressed, "content-encoding"), (string[])["br", "gzip"]);
        Assert.Equal(HttpStatusCode.OK, (await serve.Client.GetAsync(url)).StatusCode);
    }

    private static string Line(string headers, string name) =>
        headers.Split("\r\n").FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))?[(name.Length + 1)..].Trim() ?? "";

    private static async Task<(int Code, string Output)> RunAsync(string program, string[] args, string input)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await output + await error);
    }
}
