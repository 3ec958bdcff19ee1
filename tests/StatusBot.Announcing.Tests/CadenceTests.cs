using StatusBot.Core.Domain;
using StatusBot.Testing.Announcing;

namespace StatusBot.Announcing.Tests;

public sealed class CadenceTests
{
    private const string OpenStreaming = "incident open streaming major \"Streaming fails\" segments:\"many TV devices\"";

    [Fact]
    public async Task NoHumanUpdate_WhenTheIntervalPasses_PostsAHoldingUpdateWithTheNextTime()
    {
        await using var kit = await AnnounceKit.StartAsync();
        await kit.SubscribeAsync("C1");
        await kit.RunAsync(OpenStreaming);
        await kit.PassAsync();
        kit.Bot.Advance(TimeSpan.FromMinutes(29));
        await kit.PassAsync();
        var before = kit.Bot.State.Incidents["INC-1"].Timeline.Count;

        kit.Bot.Advance(TimeSpan.FromMinutes(1));
        await kit.PassAsync();

        var incident = kit.Bot.State.Incidents["INC-1"];
        Assert.Equal(1, before);
        Assert.Equal(UpdateKind.Apology, incident.Timeline[^1].Kind);
        Assert.Equal(Actor.System, incident.Timeline[^1].Author);
        Assert.Equal(kit.Bot.Time.GetUtcNow() + TimeSpan.FromMinutes(30), incident.NextUpdateDue);
        var reply = Assert.Single(kit.Discord.Delivered(PublishCallKind.Reply));
        Assert.StartsWith("Investigating: Sorry — Streaming is still not working normally", reply.Reply.Lines[0], StringComparison.Ordinal);
        Assert.Contains("Next update by 21:30 UTC", reply.Reply.Lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task HoldingUpdate_ServiceSetWorseThanTheImpact_NamesTheStatusThePageShows()
    {
        await using var kit = await AnnounceKit.StartAsync();
        await kit.SubscribeAsync("C1");
        await kit.RunAsync(OpenStreaming);
        await kit.RunAsync("service set streaming major");
        await kit.PassAsync();

        kit.Bot.Advance(TimeSpan.FromMinutes(30));
        await kit.PassAsync();

        var reply = Assert.Single(kit.Discord.Delivered(PublishCallKind.Reply), r => r.Reply.Lines[0].Contains("Sorry", StringComparison.Ordinal));
        Assert.Contains("still not working normally (major outage) for many TV devices", reply.Reply.Lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task HumanUpdate_BeforeTheDeadline_WinsAndMovesTheNextHoldingUpdate()
    {
        await using var kit = await AnnounceKit.StartAsync();
        await kit.SubscribeAsync("C1");
        await kit.RunAsync(OpenStreaming);
        kit.Bot.Advance(TimeSpan.FromMinutes(25));
        await kit.RunAsync("incident update INC-1 identified Load balancers");

        kit.Bot.Advance(TimeSpan.FromMinutes(10));
        await kit.PassAsync();

        var incident = kit.Bot.State.Incidents["INC-1"];
        Assert.DoesNotContain(incident.Timeline, t => t.Kind == UpdateKind.Apology);
        Assert.Equal(TestBotStart + TimeSpan.FromMinutes(55), incident.NextUpdateDue);
    }

    [Fact]
    public async Task HoldingUpdates_FollowEveryInterval_AndStopWhenResolved()
    {
        await using var kit = await AnnounceKit.StartAsync(new AnnouncementOptions { UpdateIntervalMinutes = 30, PollSeconds = 3600 });
        await kit.SubscribeAsync("C1");
        await kit.RunAsync(OpenStreaming);

        for (var i = 0; i < 4; i++)
        {
            kit.Bot.Time.SetUtcNow(await kit.PassAsync());
        }

        await kit.RunAsync("incident resolve INC-1");
        kit.Bot.Advance(TimeSpan.FromHours(2));
        await kit.PassAsync();

        var apologies = kit.Bot.State.Incidents["INC-1"].Timeline.Count(t => t.Kind == UpdateKind.Apology);
        Assert.Equal(3, apologies);
        Assert.Equal(4, kit.Discord.Delivered(PublishCallKind.Reply).Count());
    }

    [Fact]
    public async Task TemplateOverride_IsUsedPerLanguage()
    {
        var options = new AnnouncementOptions();
        options.Templates.Apology["en"] = "We are sorry: {services} ({segments}) down for {duration}. Next word by {next}.";
        options.Templates.Apology["fr"] = "Toutes nos excuses : {services} en panne depuis {duration}. Prochaine nouvelle avant {next}.";
        await using var kit = await AnnounceKit.StartAsync(options);
        await kit.SubscribeAsync("C1", "C2");
        await kit.Bot.RunAsync("channel locale fr", AnnounceKit.AdminIn("C2"));
        await kit.RunAsync(OpenStreaming);
        await kit.PassAsync();

        kit.Bot.Advance(TimeSpan.FromMinutes(30));
        await kit.PassAsync();

        var replies = kit.Discord.Delivered(PublishCallKind.Reply).ToDictionary(r => r.Channel.ChannelId, r => r.Reply.Lines[0]);
        Assert.Equal("Investigating: We are sorry: Streaming (many TV devices) down for 30 minutes. Next word by 21:30 UTC.", replies["C1"]);
        Assert.Equal("En cours d'analyse : Toutes nos excuses : Streaming en panne depuis 30 minutes. Prochaine nouvelle avant 21:30 UTC.", replies["C2"]);
    }

    [Fact]
    public async Task Apologize_WithTheAdminsWords_PostsThemAsIs()
    {
        await using var kit = await AnnounceKit.StartAsync();
        await kit.SubscribeAsync("C1");
        await kit.RunAsync(OpenStreaming);
        await kit.PassAsync();

        await kit.RunAsync("incident apologize INC-1 We are very sorry, a fix is rolling out.");
        await kit.PassAsync();

        var reply = Assert.Single(kit.Discord.Delivered(PublishCallKind.Reply));
        Assert.Equal("Investigating: We are very sorry, a fix is rolling out.", reply.Reply.Lines[0]);
    }

    [Fact]
    public async Task NoChannelSubscribed_NoHoldingUpdateIsWritten()
    {
        await using var kit = await AnnounceKit.StartAsync();
        await kit.RunAsync(OpenStreaming);

        kit.Bot.Advance(TimeSpan.FromHours(2));
        await kit.PassAsync();

        Assert.Single(kit.Bot.State.Incidents["INC-1"].Timeline);
    }

    private static DateTimeOffset TestBotStart => Testing.TestBot.Start;
}
