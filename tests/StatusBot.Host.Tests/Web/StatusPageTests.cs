using System.Net;
using System.Xml.Linq;

namespace StatusBot.Host.Tests.Web;

public sealed class StatusPageTests(ServeFixture serve) : IClassFixture<ServeFixture>
{
    [Fact]
    public async Task Home_DuringOutage_ShowsTheSentenceTheIncidentAndTheBars()
    {
        var html = await serve.Client.GetStringAsync("/");

        Assert.Contains("2 of 5 services have problems", html, StringComparison.Ordinal);
        Assert.Contains("Load balancers in us-east-1 are failing", html, StringComparison.Ordinal);
        Assert.Contains("Affected: TV devices, game consoles", html, StringComparison.Ordinal);
        Assert.Contains("This page refreshes itself every minute while an incident is open.", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/?lang=en&amp;refresh=off\"", html, StringComparison.Ordinal);
        Assert.Contains("location.reload()", html, StringComparison.Ordinal);
        Assert.Contains("<noscript><meta http-equiv=\"refresh\" content=\"60\"></noscript>", html, StringComparison.Ordinal);
        Assert.Contains("<main>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_RefreshOff_HasNoReloadScript()
    {
        var html = await serve.Client.GetStringAsync("/?lang=fr&refresh=off");

        Assert.DoesNotContain("location.reload()", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http-equiv=\"refresh\"", html, StringComparison.Ordinal);
        Assert.Contains("2 services sur 5 ont des problèmes", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_HostileTitle_IsEscapedNotExecuted()
    {
        var html = await serve.Client.GetStringAsync("/");

        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/?lang=fr", null)]
    [InlineData("/", "fr-CA,fr;q=0.9,en;q=0.5")]
    public async Task Home_French_SpeaksFrench(string path, string? acceptLanguage)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        using var response = await serve.Client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("<html lang=\"fr\"", html, StringComparison.Ordinal);
        Assert.Contains("2 services sur 5 ont des problèmes", html, StringComparison.Ordinal);
        Assert.Contains("Incidents en cours", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/?lang=de", null, "de", "2 von 5 Diensten haben Probleme", "Offene Störungen")]
    [InlineData("/", "ja,en;q=0.5", "ja", "5 サービス中 2 サービスで問題が発生しています", "未解決のインシデント")]
    [InlineData("/?lang=es", "ja", "es", "2 de 5 servicios tienen problemas", "Incidentes abiertos")]
    [InlineData("/", "pt-PT,pt;q=0.9", "pt-BR", "2 de 5 serviços estão com problemas", "Incidentes em aberto")]
    [InlineData("/", "it-IT,de;q=0.8,en;q=0.5", "de", "2 von 5 Diensten haben Probleme", "Offene Störungen")]
    public async Task Home_OtherLanguages_ChosenByLangOrAcceptLanguage(string path, string? acceptLanguage, string lang, string sentence, string heading)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        using var response = await serve.Client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains($"<html lang=\"{lang}\"", html, StringComparison.Ordinal);
        Assert.Contains(sentence, html, StringComparison.Ordinal);
        Assert.Contains(heading, html, StringComparison.Ordinal);
        Assert.Contains("<a lang=\"pt-BR\" href=\"/?lang=pt-BR\">Português (Brasil)</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a lang=\"ja\" href=\"/?lang=ja\">日本語</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_GarbageAcceptLanguage_FallsBackToEnglish()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.TryAddWithoutValidation("Accept-Language", ";;;q=zz,,\"x\",*;q=-1,de-DE;q=2");

        using var response = await serve.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"en\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IncidentPage_ShowsTheWholeTimeline_AndUnknownIdIs404()
    {
        var page = await serve.Client.GetStringAsync("/incidents/inc-1");
        using var missing = await serve.Client.GetAsync("/incidents/INC-999");

        Assert.Contains("Load balancers in us-east-1 are failing", page, StringComparison.Ordinal);
        Assert.Contains("Investigating", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("No such incident.", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feed_IsAtomWithAnEntryPerUpdate()
    {
        using var response = await serve.Client.GetAsync("/feed.atom");
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace atom = "http://www.w3.org/2005/Atom";

        var entries = feed.Root!.Elements(atom + "entry").ToList();

        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(atom + "feed", feed.Root.Name);
        Assert.Equal(4, entries.Count);
        Assert.All(entries, e => Assert.NotNull(e.Element(atom + "id")));
        Assert.Contains(entries, e => e.Element(atom + "content")!.Value == "Load balancers in us-east-1 are failing");
    }

    [Fact]
    public async Task AdminApi_WithoutConfiguredTokens_DoesNotExist()
    {
        using var response = await serve.Client.PostAsync("/api/admin/incidents", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_AfterRecovery_IsOk()
    {
        using var response = await serve.Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"journal\":\"ok\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_DefaultConfigurationWithoutProbesOrAlerts_SaysNotMonitoredInsteadOfAnUptime()
    {
        var html = await serve.Client.GetStringAsync("/");
        var french = await serve.Client.GetStringAsync("/?lang=fr");

        Assert.DoesNotContain("uptime since monitoring began", html, StringComparison.Ordinal);
        // Each of the five services says it twice: under its bar and in the bar's label for screen readers.
        Assert.Equal(10, html.Split("Not monitored: nothing checks this service automatically; its status is set by hand").Length - 1);
        Assert.Contains("Non surveillé : rien ne vérifie ce service automatiquement", french, StringComparison.Ordinal);
    }
}
