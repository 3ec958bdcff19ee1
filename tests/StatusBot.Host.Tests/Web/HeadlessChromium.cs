using OpenQA.Selenium.Chrome;

namespace StatusBot.Host.Tests.Web;

/// <summary>
/// Headless Chromium driven by Selenium and Debian's chromium-driver (.ci/run installs both with apt-get). Tests call
/// <see cref="SkipIfAbsent"/> first, so they skip, saying why, on a machine without them.
/// </summary>
internal static class HeadlessChromium
{
    public const string Chromium = "/usr/bin/chromium";
    public const string Driver = "/usr/bin/chromedriver";

    public static void SkipIfAbsent() =>
        Skip.IfNot(File.Exists(Chromium) && File.Exists(Driver), $"Chromium or chromedriver is not installed ({Chromium}, {Driver}); .ci/run installs them with apt-get.");

    public static ChromeDriver Start()
    {
        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1000,1400",
            "--user-data-dir=" + Path.Combine(Path.GetTempPath(), "statusbot-chromium-" + Guid.NewGuid().ToString("N")));
        // The console's messages, for the tests that check that a page logs no error (a refused script, a missing asset).
        options.SetLoggingPreference(OpenQA.Selenium.LogType.Browser, OpenQA.Selenium.LogLevel.All);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Driver)!, Path.GetFileName(Driver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    /// <summary>Saves a screenshot under the test output's <c>artifacts/</c>.</summary>
    public static void Save(ChromeDriver browser, string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(directory);
        browser.GetScreenshot().SaveAsFile(Path.Combine(directory, name));
    }
}
