using System.Text.Json;
using OpenQA.Selenium.Chrome;

namespace StatusBot.Host.Tests.Web;

/// <summary>
/// axe-core (the copy embedded in the Deque.AxeCore.Commons NuGet package) run inside headless Chromium on the status
/// page, an incident page and a maintenance page, in both languages and both color schemes, during the fixture's outage
/// with maintenance windows. Any violation axe rates serious or critical fails the test, with the rule and the elements.
/// </summary>
public sealed class AccessibilityTests(MaintenanceServeFixture serve) : IClassFixture<MaintenanceServeFixture>
{
    private const string AxeResource = "Deque.AxeCore.Commons.Resources.axe.min.js";

    // Runs axe on the whole document and hands back the serious and critical violations, one line per rule.
    private const string RunAxe = """
        const done = arguments[arguments.length - 1];
        axe.run(document, { resultTypes: ['violations'] })
          .then(r => done(JSON.stringify(r.violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' [' + v.nodes.map(n => n.target.join(' ')).join(', ') + ']'))))
          .catch(e => done(JSON.stringify(['axe failed: ' + e])));
        """;

    [SkippableTheory]
    [InlineData("/?lang=en", "light")]
    [InlineData("/?lang=fr", "dark")]
    [InlineData("/?lang=en", "dark")]
    [InlineData("/incidents/INC-1?lang=en", "light")]
    [InlineData("/incidents/INC-1?lang=fr", "dark")]
    [InlineData("/incidents/MNT-1?lang=en", "light")]
    [InlineData("/incidents/INC-404", "light")]
    public void Page_HasNoSeriousOrCriticalAxeViolations(string path, string scheme)
    {
        HeadlessChromium.SkipIfAbsent();
        var axe = AxeSource();
        Skip.If(axe is null, $"axe-core is not available (resource {AxeResource} of the Deque.AxeCore.Commons package).");
        using var browser = HeadlessChromium.Start();
        browser.Manage().Timeouts().AsynchronousJavaScript = TimeSpan.FromSeconds(60);
        Emulate(browser, scheme);

        browser.Navigate().GoToUrl(new Uri(serve.Client.BaseAddress!, path));
        browser.ExecuteScript(axe);
        var json = (string?)browser.ExecuteAsyncScript(RunAxe) ?? "[\"axe returned nothing\"]";

        var violations = JsonSerializer.Deserialize<string[]>(json)!;
        Assert.True(violations.Length == 0, $"{path} ({scheme}):\n" + string.Join('\n', violations));
    }

    [SkippableFact]
    public void StatusPage_DarkScheme_IsActuallyDark()
    {
        // Guards the test above: the emulated color scheme must reach the page, or the dark palette is never checked.
        HeadlessChromium.SkipIfAbsent();
        using var browser = HeadlessChromium.Start();
        Emulate(browser, "dark");

        browser.Navigate().GoToUrl(new Uri(serve.Client.BaseAddress!, "/"));
        var background = (string?)browser.ExecuteScript("return getComputedStyle(document.body).backgroundColor;");
        HeadlessChromium.Save(browser, "status-page-dark.png");

        Assert.Equal("rgb(18, 20, 23)", background);
    }

    private static void Emulate(ChromeDriver browser, string scheme) =>
        browser.ExecuteCdpCommand("Emulation.setEmulatedMedia", new Dictionary<string, object?>
        {
            ["features"] = new[] { new Dictionary<string, string> { ["name"] = "prefers-color-scheme", ["value"] = scheme } },
        });

    private static string? AxeSource()
    {
        using var stream = typeof(Deque.AxeCore.Commons.AxeResult).Assembly.GetManifestResourceStream(AxeResource);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
