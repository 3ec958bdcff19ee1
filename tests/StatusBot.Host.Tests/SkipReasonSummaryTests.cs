using StatusBot.Testing.Runner;

namespace StatusBot.Host.Tests;

/// <summary>The end-of-run lines that say why tests were skipped: one per reason, most skipped first.</summary>
public sealed class SkipReasonSummaryTests
{
    [Fact]
    public void Lines_OnePerReason_WithTheCount()
    {
        var reasons = new Dictionary<string, int>
        {
            ["Chromium or chromedriver is not installed"] = 1,
            ["PostgreSQL is not available: set STATUSBOT_TEST_POSTGRES"] = 21,
        };

        Assert.Equal(
            ["21 tests skipped: PostgreSQL is not available: set STATUSBOT_TEST_POSTGRES", "1 test skipped: Chromium or chromedriver is not installed"],
            SkipReasonSummary.Lines(reasons));
    }
}
