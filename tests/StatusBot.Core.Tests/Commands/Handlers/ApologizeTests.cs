using StatusBot.Core.Domain;
using StatusBot.Testing;

namespace StatusBot.Core.Tests.Commands.Handlers;

/// <summary>incident apologize: the template people read in the channel while they wait, or the admin's own words.</summary>
public sealed class ApologizeTests
{
    private const string Open = "incident open streaming major \"Streaming fails on many devices\" segments:\"TV, consoles\"";

    [Fact]
    public async Task Apologize_NoMessage_TemplateWithWhoAndHowLong()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync(Open);
        bot.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(14));

        var result = await bot.RunAsync("incident apologize 1");

        Assert.Equal("Apology posted on INC-1 · Streaming fails on many devices", result.Reply.Title);
        var apology = "Sorry — Streaming is still not working normally (partial outage) for TV, consoles, for 2 hours, 14 minutes now. Our engineers are working on it. Next update by 23:14 UTC.";
        Assert.Equal([apology], result.Reply.Lines.ToArray());
        var entry = bot.State.Incidents["INC-1"].Timeline[^1];
        Assert.Equal(UpdateKind.Apology, entry.Kind);
        Assert.Equal(IncidentStatus.Investigating, entry.Status);
    }

    [Fact]
    public async Task Apologize_InFrench_FrenchTemplate()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync(Open);
        bot.Advance(TimeSpan.FromHours(3));

        var result = await bot.RunAsync("incident apologize 1", TestBot.Admin("fr"));

        Assert.Equal(
            "Désolés — Streaming ne fonctionne toujours pas normalement (panne partielle) pour TV, consoles, depuis 3 heures. Nos ingénieurs y travaillent. Prochaine mise à jour avant 25 déc. 00:00 UTC.",
            Assert.Single(result.Reply.Lines));
    }

    [Theory]
    [InlineData("en", "Sorry — Streaming and Website are still not working normally (degraded performance), for 20 minutes now.")]
    [InlineData("fr", "Désolés — Streaming et Website ne fonctionnent toujours pas normalement (performances dégradées), depuis 20 minutes.")]
    public async Task Apologize_TwoServicesMinorImpact_ReadsCorrectly(string locale, string start)
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming,website minor Slow");
        bot.Advance(TimeSpan.FromMinutes(20));

        var result = await bot.RunAsync("incident apologize 1", TestBot.Admin(locale));

        Assert.StartsWith(start, Assert.Single(result.Reply.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apologize_OwnWords_PostedAsTheyAre()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync(Open);

        var result = await bot.RunAsync("incident apologize 1 Sorry, very bad timing, our engineers are working on it right now");

        Assert.Equal("Sorry, very bad timing, our engineers are working on it right now", Assert.Single(result.Reply.Lines));
    }

    [Fact]
    public async Task Apologize_ServiceSetWorseThanTheImpact_NamesTheStatusTheServiceShows()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync(Open);
        await bot.RunAsync("service set streaming major");
        bot.Advance(TimeSpan.FromMinutes(30));

        var result = await bot.RunAsync("incident apologize 1");
        var status = await bot.RunAsync("status streaming", TestBot.Viewer());

        Assert.StartsWith("🔴 Streaming: Major outage", status.Reply.Title, StringComparison.Ordinal);
        Assert.StartsWith("Sorry — Streaming is still not working normally (major outage) for TV, consoles", Assert.Single(result.Reply.Lines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("minor", "minor impact (degraded performance)", "🟡 Streaming: Degraded performance")]
    [InlineData("major", "major impact (partial outage)", "🟠 Streaming: Partial outage")]
    [InlineData("critical", "critical impact (major outage)", "🔴 Streaming: Major outage")]
    public async Task Open_EachImpact_NamedByTheStatusItGivesTheService(string impact, string words, string serviceTitle)
    {
        await using var bot = await TestBot.StartAsync();

        var opened = await bot.RunAsync($"incident open streaming {impact} Down");
        var status = await bot.RunAsync("status streaming", TestBot.Viewer());

        Assert.StartsWith($"Investigating · {words} · Streaming", opened.Reply.Lines[0], StringComparison.Ordinal);
        Assert.StartsWith(serviceTitle, status.Reply.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_MajorThenServiceSetMajor_TheIncidentReadsMajorOutageLikeTheService()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major Down");

        await bot.RunAsync("service set streaming major");
        var shown = await bot.RunAsync("incident show 1", TestBot.Viewer());

        Assert.Contains(shown.Reply.Lines, l => l.StartsWith("Investigating · critical impact (major outage) · Streaming", StringComparison.Ordinal));
    }
}
