using System.Collections.Immutable;
using StatusBot.Core.Chat;
using StatusBot.Core.Commands;
using StatusBot.Core.Crowd;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.Text;
using StatusBot.Testing;

namespace StatusBot.Core.Tests.Crowd;

/// <summary>The crowd as a signal: distinct askers per service in the sliding window, the usual rate, and the one surge.</summary>
public sealed class CrowdWatchTests
{
    private static Caller Person(int n, string platform = "slack") =>
        new(new Actor(platform, $"U{n:D5}", $"Person {n}"), false, Locales.English);

    private static async Task AskManyAsync(TestBot bot, int people, string question = "is streaming down?", int from = 0)
    {
        for (var i = from; i < from + people; i++)
        {
            await bot.AskAsync(question, Person(i));
        }

        await bot.Deferrals.DrainAsync();
    }

    private static int SurgesIn(TestBot bot) =>
        ((Core.Board.InMemoryEventStore)bot.Store).Events.Count(e => e is CrowdSurged);

    [Fact]
    public async Task Ask_SamePersonManyTimes_CountsOnce()
    {
        await using var bot = await TestBot.StartAsync();

        for (var i = 0; i < 5; i++)
        {
            await bot.AskAsync("is streaming down?", Person(1));
            await bot.RunAsync("status streaming", Person(1));
        }

        Assert.Equal(1, bot.Crowd.CountOf("streaming").Askers);
    }

    [Fact]
    public async Task Ask_QuestionsCommandsAndTypedOptions_EachCountsItsPerson()
    {
        await using var bot = await TestBot.StartAsync();

        await bot.AskAsync("why is the video so slow?", Person(1));
        await bot.AskAsync("status streaming", Person(2));
        await bot.RunAsync("why netflix", Person(3));
        await bot.Pipeline.AnswerAsync(
            new ChatRequest(Person(4, "discord"), ChatInput.Command(CommandInput.Of(Catalog.Status, new Dictionary<string, string> { ["service"] = "streaming" }))),
            CancellationToken.None);
        await bot.AskAsync("lunch anyone?", Person(5));
        await bot.RunAsync("status", Person(6));

        Assert.Equal(4, bot.Crowd.CountOf("streaming").Askers);
        Assert.Single(bot.Crowd.Counts());
    }

    [Fact]
    public async Task Count_AskersOlderThanTheWindow_AreForgotten()
    {
        await using var bot = await TestBot.StartAsync();
        await AskManyAsync(bot, 3);
        bot.Advance(TimeSpan.FromMinutes(3));
        await AskManyAsync(bot, 2, from: 100);

        bot.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));

        Assert.Equal(2, bot.Crowd.CountOf("streaming").Askers);
    }

    [Fact]
    public async Task Ask_ThirtyPeopleNoIncident_OneSurgeJournaled()
    {
        await using var bot = await TestBot.StartAsync();

        await AskManyAsync(bot, 30);

        Assert.Equal(1, SurgesIn(bot));
        var surge = bot.State.Announcements.Crowds["streaming"];
        Assert.Equal(20, surge.Askers);
        Assert.Equal(30, bot.Crowd.CountOf("streaming").Askers);
        Assert.Empty(bot.State.OpenIncidents);
    }

    [Fact]
    public async Task Ask_IncidentOpenOnTheService_NoSurge()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major \"Streaming fails on TV devices\"");

        await AskManyAsync(bot, 30);

        Assert.Equal(0, SurgesIn(bot));
        Assert.Equal(30, bot.Crowd.CountOf("streaming").Askers);
    }

    [Fact]
    public async Task Ask_CrowdStaysHigh_NoSecondSurgeUntilItFallsAndTheCooldownPasses()
    {
        await using var bot = await TestBot.StartAsync();
        await AskManyAsync(bot, 25);
        bot.Advance(TimeSpan.FromMinutes(4));
        await AskManyAsync(bot, 25, from: 1000);
        Assert.Equal(1, SurgesIn(bot));

        // The window moves on: the first askers are forgotten, the count falls below the threshold, then rises again, but
        // within the cooldown.
        bot.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, bot.Crowd.CountOf("streaming").Askers);
        await AskManyAsync(bot, 25, from: 2000);
        Assert.Equal(1, SurgesIn(bot));

        bot.Advance(TimeSpan.FromMinutes(30));
        await AskManyAsync(bot, 200, from: 3000);

        Assert.Equal(2, SurgesIn(bot));
    }

    [Fact]
    public async Task Ask_UsuallyBusyService_NeedsTheFactorOverItsUsualRate()
    {
        await using var bot = await TestBot.StartAsync();
        // A service many ask about every window: about 19 in each of 20 windows is its usual rate.
        for (var window = 0; window < 20; window++)
        {
            await AskManyAsync(bot, 19, from: window * 100);
            bot.Advance(TimeSpan.FromMinutes(5));
        }

        await AskManyAsync(bot, 40, from: 10_000);

        Assert.True(bot.Crowd.CountOf("streaming").Usual > 15, $"usual {bot.Crowd.CountOf("streaming").Usual}");
        Assert.Equal(0, SurgesIn(bot));
    }

    [Fact]
    public async Task Observe_MorePeopleThanKept_MemoryStaysBounded()
    {
        await using var bot = await TestBot.StartAsync();

        for (var i = 0; i < CrowdWatch.MaxAskersPerService + 5000; i++)
        {
            bot.Crowd.Observe("streaming", new Actor("slack", "U" + i, "P"));
        }

        Assert.Equal(CrowdWatch.MaxAskersPerService, bot.Crowd.CountOf("streaming").Askers);
    }

    [Fact]
    public void Decide_WithinTheCooldownOfTheLastSurge_NoChange()
    {
        var state = Core.State.BoardState.Create(DemoCatalog.Services, DemoCatalog.Upstreams);
        var at = TestBot.Start;
        var first = new CrowdSurge("streaming", at, 30, 1, 300);
        state = Core.State.StateReducer.Apply(state, new CrowdSurged(Actor.System, at, first));

        var again = CrowdWatch.Decide(state, first with { At = at.AddMinutes(29) }, TimeSpan.FromMinutes(30));
        var later = CrowdWatch.Decide(state, first with { At = at.AddMinutes(31) }, TimeSpan.FromMinutes(30));

        Assert.Empty(again.Events);
        Assert.Single(later.Events);
    }

    [Fact]
    public async Task IncidentShow_Admin_SeesTheCrowdOfItsServices_ViewerDoesNot()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major \"Streaming fails on TV devices\"");
        await AskManyAsync(bot, 7);

        var admin = await bot.RunAsync("incident show INC-1");
        var viewer = await bot.RunAsync("incident show INC-1", TestBot.Viewer());

        Assert.Contains(admin.Reply.Lines, l => l.Contains("Streaming: 7 people asked in 5 minutes", StringComparison.Ordinal));
        Assert.DoesNotContain(viewer.Reply.Lines, l => l.Contains("people asked", StringComparison.Ordinal));
    }

    [Fact]
    public void AskedAbout_OtherCommandsAndUnknownServices_Nothing()
    {
        var state = Core.State.BoardState.Create(DemoCatalog.Services, DemoCatalog.Upstreams);

        Assert.Null(CrowdWatch.AskedAbout(ChatInput.CommandText("history 7"), state));
        Assert.Null(CrowdWatch.AskedAbout(ChatInput.CommandText("status nowhere"), state));
        Assert.Null(CrowdWatch.AskedAbout(ChatInput.CommandText("status"), state));
        Assert.Equal("streaming", CrowdWatch.AskedAbout(ChatInput.CommandText("/why \"video\""), state));
        Assert.Equal("sign-in", CrowdWatch.AskedAbout(ChatInput.Command(CommandInput.Typed(Catalog.Status, ImmutableDictionary<string, object?>.Empty.Add("service", "login"))), state));
    }
}
