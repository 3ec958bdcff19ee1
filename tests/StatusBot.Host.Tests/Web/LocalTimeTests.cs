using System.Text.RegularExpressions;

namespace StatusBot.Host.Tests.Web;

public sealed partial class LocalTimeTests(ServeFixture serve) : IClassFixture<ServeFixture>
{
    [Fact]
    public async Task Home_EachTime_IsUtcTextInATimeElement_TheScriptAddsTheVisitorsOwn()
    {
        var html = await serve.Client.GetStringAsync("/");

        Assert.Contains("Updated <time datetime=\"2012-12-24T21:20:00Z\" data-local>21:20 UTC</time>", html, StringComparison.Ordinal);
        Assert.Contains("started <time datetime=\"2012-12-24T20:30:00Z\">50 minutes ago</time>", html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/local-time.js\" defer></script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\uE000", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&#xE000;", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Home_French_KeepsTheFrenchUtcText()
    {
        var html = await serve.Client.GetStringAsync("/?lang=fr");

        Assert.Contains("Mis à jour <time datetime=\"2012-12-24T21:20:00Z\" data-local>21:20 UTC</time>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_LoadsScriptsFromItsOwnOriginOnly()
    {
        using var response = await serve.Client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();
        var csp = string.Join(",", response.Headers.GetValues("Content-Security-Policy"));
        var scriptSrc = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));

        Assert.All(ScriptSources().Matches(html), m => Assert.StartsWith("/", m.Groups[1].Value, StringComparison.Ordinal));
        Assert.All(scriptSrc.Split(' ').Skip(1), s => Assert.True(s == "'self'" || s.StartsWith("'sha256-", StringComparison.Ordinal), s));
        Assert.Contains("'self'", scriptSrc, StringComparison.Ordinal);
        Assert.DoesNotContain("//", string.Concat(ScriptSources().Matches(html).Select(m => m.Groups[1].Value)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_IsServedAsJavaScript_WithTheSecurityHeaders()
    {
        using var response = await serve.Client.GetAsync("/local-time.js");
        var code = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/javascript", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("time[data-local]", code, StringComparison.Ordinal);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Theory]
    [InlineData("/feed.atom")]
    [InlineData("/api/v2/summary.json")]
    [InlineData("/api/v2/incidents.json")]
    public async Task FeedAndJson_HaveNoTimeMarks(string path)
    {
        var text = await serve.Client.GetStringAsync(path);

        Assert.DoesNotContain("\uE000", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\uE000", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<time", text, StringComparison.Ordinal);
    }

    [GeneratedRegex("<script src=\"([^\"]*)\"")]
    private static partial Regex ScriptSources();
}
