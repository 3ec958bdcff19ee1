using System.Net;
using System.Text.RegularExpressions;

namespace StatusBot.Host.Tests.Web;

/// <summary>The page's head and its answer to a crafted address: what a visitor, a search engine or an attacker sees.</summary>
public sealed partial class PageHardeningTests(ServeFixture serve) : IClassFixture<ServeFixture>
{
    [Theory]
    [InlineData("en", "No such incident.")]
    [InlineData("fr", "Incident introuvable.")]
    public async Task UnknownIncident_CraftedAddress_IsNotEchoed(string lang, string sentence)
    {
        const string Crafted = "ALL SYSTEMS HACKED - call +1-555-0100 now \u202Eevil";

        using var response = await serve.Client.GetAsync("/incidents/" + Uri.EscapeDataString(Crafted) + "?lang=" + lang);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(sentence, html, StringComparison.Ordinal);
        Assert.DoesNotContain("HACKED", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("555", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\u202E", html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"overall sev-critical\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/?lang=en", "Current status, incidents and maintenance of Service status.")]
    [InlineData("/?lang=fr", "État actuel, incidents et maintenances de Service status.")]
    [InlineData("/incidents/INC-1", "Current status, incidents and maintenance of Service status.")]
    public async Task Page_Head_HasADescriptionAndAnInlineFavicon(string path, string description)
    {
        var html = await serve.Client.GetStringAsync(path);
        var head = html[..html.IndexOf("</head>", StringComparison.Ordinal)];

        Assert.Contains($"<meta name=\"description\" content=\"{description}\">", head, StringComparison.Ordinal);
        Assert.Matches(Favicon(), head);
    }

    [Fact]
    public async Task Page_TheOnlyInlineScript_IsAllowedByTheContentSecurityPolicy()
    {
        using var response = await serve.Client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();
        var csp = string.Join(",", response.Headers.GetValues("Content-Security-Policy"));
        var scripts = Script().Matches(html).Select(m => m.Groups[1].Value).ToList();

        var script = Assert.Single(scripts);
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(script)));
        Assert.Contains($"script-src 'sha256-{hash}' 'self';", csp, StringComparison.Ordinal);
    }

    [GeneratedRegex("<link rel=\"icon\" type=\"image/svg\\+xml\" href=\"data:image/svg\\+xml,[^\"]+\">")]
    private static partial Regex Favicon();

    [GeneratedRegex("<script>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex Script();
}
