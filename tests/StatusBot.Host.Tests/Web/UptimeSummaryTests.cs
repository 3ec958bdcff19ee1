using StatusBot.Core.Text;
using StatusBot.Host.Configuration;
using StatusBot.Host.Web.Pages;
using StatusBot.Testing;

namespace StatusBot.Host.Tests.Web;

/// <summary>
/// The uptime under each service's bars says over what time it was measured: a bot watching for half an hour must not
/// tell readers "12 % uptime over the past 90 days" after a 30-minute outage.
/// </summary>
public sealed class UptimeSummaryTests
{
    [Fact]
    public async Task Home_BoardWatchingForLessThan90Days_UptimeSinceMonitoringBegan()
    {
        await using var bot = await TestBot.StartAsync();
        bot.Advance(TimeSpan.FromMinutes(4));
        await bot.RunAsync("incident open streaming critical \"Streaming fails\"");
        bot.Advance(TimeSpan.FromMinutes(30));

        var english = new StatusPage(bot.State, new WebOptions(), Localizer.For(Locales.English), bot.Time.GetUtcNow()).Home();
        var french = new StatusPage(bot.State, new WebOptions(), Localizer.For(Locales.Resolve("fr")), bot.Time.GetUtcNow()).Home();

        Assert.Contains("11.76% uptime since monitoring began 34 minutes ago", english, StringComparison.Ordinal);
        Assert.DoesNotContain("over the past 90 days", english, StringComparison.Ordinal);
        Assert.Contains("de disponibilité depuis le début de la surveillance, il y a 34 minutes", french, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_BoardWatchingForMoreThan90Days_UptimeOverThePast90Days()
    {
        await using var bot = await TestBot.StartAsync();
        bot.Advance(TimeSpan.FromDays(120));

        var html = new StatusPage(bot.State, new WebOptions(), Localizer.For(Locales.English), bot.Time.GetUtcNow()).Home();

        Assert.Contains("100.00% uptime over the past 90 days", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_OnlyStreamingMonitored_UptimeForStreamingNotMonitoredForTheOthers()
    {
        await using var bot = await TestBot.StartAsync();
        bot.Advance(TimeSpan.FromMinutes(30));

        var html = new StatusPage(bot.State, new WebOptions(), Localizer.For(Locales.English), bot.Time.GetUtcNow())
        {
            IsMonitored = id => id == "streaming",
        }.Home();

        Assert.Contains("100.00% uptime since monitoring began 30 minutes ago", html, StringComparison.Ordinal);
        Assert.Equal(2, html.Split("100.00% uptime since monitoring began").Length - 1);
        Assert.Contains("Not monitored: nothing checks this service automatically", html, StringComparison.Ordinal);
        Assert.Contains(": not monitored\"", html, StringComparison.Ordinal);
    }
}
