using OpenQA.Selenium;

namespace StatusBot.Host.Tests.Web;

/// <summary>
/// What a person sees, in headless Chromium driven by Selenium and Debian's chromium-driver (.ci/run installs both; the
/// tests skip, saying why, where they are absent). Screenshots are saved under the test output's <c>artifacts/</c>.
/// </summary>
public sealed class BrowserTests(ServeFixture serve) : IClassFixture<ServeFixture>
{
    [SkippableFact]
    public void StatusPage_DuringTheOutage_ShowsTheSentenceTheCardAndFrench()
    {
        HeadlessChromium.SkipIfAbsent();
        using var browser = HeadlessChromium.Start();

        browser.Navigate().GoToUrl(new Uri(serve.Client.BaseAddress!, "/?lang=en"));
        var overall = browser.FindElement(By.Id("overall")).Text;
        var card = browser.FindElement(By.CssSelector("section[aria-labelledby=open] article")).Text;
        var bars = browser.FindElements(By.CssSelector(".bar[role=img]")).Select(b => b.GetAttribute("aria-label")).ToList();
        HeadlessChromium.Save(browser, "status-page-en.png");
        browser.Navigate().GoToUrl(new Uri(serve.Client.BaseAddress!, "/?lang=fr"));
        var french = browser.FindElement(By.Id("overall")).Text;
        HeadlessChromium.Save(browser, "status-page-fr.png");

        Assert.Equal("2 of 5 services have problems", overall);
        Assert.Contains("Load balancers in us-east-1 are failing", card, StringComparison.Ordinal);
        Assert.Contains("<script>alert(1)</script>", card, StringComparison.Ordinal);
        Assert.Equal(5, bars.Count);
        Assert.All(bars, label => Assert.Contains("Not monitored: nothing checks this service automatically", label, StringComparison.Ordinal));
        Assert.Equal("2 services sur 5 ont des problèmes", french);
    }

    [SkippableFact]
    public void Pages_UnderTheContentSecurityPolicy_LogNoConsoleErrorAndKeepTheirStyle()
    {
        HeadlessChromium.SkipIfAbsent();
        using var browser = HeadlessChromium.Start();
        var errors = new List<string>();

        foreach (var path in (string[])["/?lang=en", "/?lang=fr", "/incidents/INC-1", "/incidents/INC-2"])
        {
            browser.Navigate().GoToUrl(new Uri(serve.Client.BaseAddress!, path));
            errors.AddRange(browser.Manage().Logs.GetLog(LogType.Browser).Where(e => e.Level >= LogLevel.Warning).Select(e => $"{path}: {e.Message}"));
        }

        var scripts = browser.ExecuteScript("return document.scripts.length;");
        var margin = browser.ExecuteScript("return getComputedStyle(document.body).margin;");

        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.Equal(1L, scripts);
        Assert.Equal("0px", margin);
    }

    [SkippableFact]
    public void IncidentPage_LinkFromTheCard_OpensTheTimeline()
    {
        HeadlessChromium.SkipIfAbsent();
        using var browser = HeadlessChromium.Start();

        browser.Navigate().GoToUrl(new Uri(serve.Client.BaseAddress!, "/"));
        browser.FindElement(By.CssSelector("section[aria-labelledby=open] article h3 a")).Click();
        var timeline = browser.FindElements(By.CssSelector("ol.timeline li")).Select(li => li.Text).ToList();
        HeadlessChromium.Save(browser, "incident-page.png");

        Assert.EndsWith("/incidents/INC-1?lang=en", browser.Url, StringComparison.Ordinal);
        Assert.Equal(2, timeline.Count);
        Assert.Contains("Load balancers in us-east-1 are failing", timeline[0], StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Page_InAnotherTimeZone_ShowsTheVisitorsTimeBesideTheUtcText()
    {
        HeadlessChromium.SkipIfAbsent();
        using var browser = HeadlessChromium.Start();
        browser.ExecuteCdpCommand("Emulation.setTimezoneOverride", new Dictionary<string, object?> { ["timezoneId"] = "Europe/Paris" });

        browser.Navigate().GoToUrl(new Uri(serve.Client.BaseAddress!, "/?lang=en"));
        var footer = browser.FindElement(By.CssSelector("footer p")).Text;
        var errors = browser.Manage().Logs.GetLog(LogType.Browser).Where(e => e.Level >= LogLevel.Warning).Select(e => e.Message).ToList();

        // The fixture's Christmas Eve 2012 is not the visitor's today, so the date comes too.
        Assert.StartsWith("Updated 21:20 UTC (Dec 24, 22:20", footer, StringComparison.Ordinal);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
