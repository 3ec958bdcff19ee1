using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace StatusBot.Host.Tests.Web;

/// <summary>
/// What a person sees, in headless Chromium driven by Selenium and Debian's chromium-driver (.ci/run installs both; the
/// tests skip, saying why, where they are absent). Screenshots are saved under the test output's <c>artifacts/</c>.
/// </summary>
public sealed class BrowserTests(ServeFixture serve) : IClassFixture<ServeFixture>
{
    private const string Chromium = "/usr/bin/chromium";
    private const string Driver = "/usr/bin/chromedriver";

    [SkippableFact]
    public void StatusPage_DuringTheOutage_ShowsTheSentenceTheCardAndFrench()
    {
        Skip.IfNot(File.Exists(Chromium) && File.Exists(Driver), $"Chromium or chromedriver is not installed ({Chromium}, {Driver}); .ci/run installs them with apt-get.");
        using var browser = Start();

        browser.Navigate().GoToUrl(new Uri(serve.Client.BaseAddress!, "/?lang=en"));
        var overall = browser.FindElement(By.Id("overall")).Text;
        var card = browser.FindElement(By.CssSelector("section[aria-labelledby=open] article")).Text;
        var bars = browser.FindElements(By.CssSelector(".bar[role=img]")).Select(b => b.GetAttribute("aria-label")).ToList();
        Save(browser, "status-page-en.png");
        browser.Navigate().GoToUrl(new Uri(serve.Client.BaseAddress!, "/?lang=fr"));
        var french = browser.FindElement(By.Id("overall")).Text;
        Save(browser, "status-page-fr.png");

        Assert.Equal("2 of 5 services have problems", overall);
        Assert.Contains("Load balancers in us-east-1 are failing", card, StringComparison.Ordinal);
        Assert.Contains("<script>alert(1)</script>", card, StringComparison.Ordinal);
        Assert.Equal(5, bars.Count);
        Assert.All(bars, label => Assert.EndsWith("uptime over the past 90 days", label, StringComparison.Ordinal));
        Assert.Equal("2 services sur 5 ont des problèmes", french);
    }

    [SkippableFact]
    public void IncidentPage_LinkFromTheCard_OpensTheTimeline()
    {
        Skip.IfNot(File.Exists(Chromium) && File.Exists(Driver), $"Chromium or chromedriver is not installed ({Chromium}, {Driver}); .ci/run installs them with apt-get.");
        using var browser = Start();

        browser.Navigate().GoToUrl(new Uri(serve.Client.BaseAddress!, "/"));
        browser.FindElement(By.CssSelector("section[aria-labelledby=open] article h3 a")).Click();
        var timeline = browser.FindElements(By.CssSelector("ol.timeline li")).Select(li => li.Text).ToList();
        Save(browser, "incident-page.png");

        Assert.EndsWith("/incidents/INC-1?lang=en", browser.Url, StringComparison.Ordinal);
        Assert.Equal(2, timeline.Count);
        Assert.Contains("Load balancers in us-east-1 are failing", timeline[0], StringComparison.Ordinal);
    }

    private static ChromeDriver Start()
    {
        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1000,1400",
            "--user-data-dir=" + Path.Combine(Path.GetTempPath(), "statusbot-chromium-" + Guid.NewGuid().ToString("N")));
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Driver)!, Path.GetFileName(Driver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    private static void Save(ChromeDriver browser, string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(directory);
        browser.GetScreenshot().SaveAsFile(Path.Combine(directory, name));
    }
}
