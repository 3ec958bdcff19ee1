using StatusBot.Core.Commands;
using StatusBot.Core.Replies;
using StatusBot.Testing;

namespace StatusBot.Core.Tests.Commands.Handlers;

/// <summary>incident list, incident show and history: what anyone can read about incidents.</summary>
public sealed class IncidentQueryTests
{
    [Fact]
    public async Task List_NoneOpen_SaysSo()
    {
        await using var bot = await TestBot.StartAsync();

        var reply = (await bot.RunAsync("incident list", TestBot.Viewer())).Reply;

        Assert.Equal("No open incidents", reply.Title);
        Assert.Equal(Severity.Success, reply.Severity);
    }

    [Fact]
    public async Task List_TwoOpenOneResolved_ListsTheOpenOnesWorstSeverity()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming critical Down");
        await bot.RunAsync("incident open api minor Slow");
        await bot.RunAsync("incident open billing minor Old");
        await bot.RunAsync("incident resolve 3");

        var reply = (await bot.RunAsync("incident list")).Reply;

        Assert.Equal("2 open incidents", reply.Title);
        Assert.Equal(Severity.Critical, reply.Severity);
        Assert.Equal(["INC-1 · Down", "INC-2 · Slow"], reply.Fields.Select(f => f.Name));
        Assert.Equal(["incident show INC-1", "incident show INC-2"], reply.Actions.Select(a => a.Command));
    }

    [Fact]
    public async Task Show_Incident_MilestonesAndTimelineNewestFirst()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major \"Streaming fails\"");
        bot.Advance(TimeSpan.FromMinutes(40));
        await bot.RunAsync("incident update 1 identified ELB failing");
        bot.Advance(TimeSpan.FromHours(2));
        await bot.RunAsync("incident update 1 monitoring Back for most");

        var reply = (await bot.RunAsync("incident show #1", TestBot.Viewer())).Reply;

        Assert.Equal("INC-1 · Streaming fails", reply.Title);
        Assert.Contains("started 20:30 UTC · acknowledged 20:30 UTC · restored for most 23:10 UTC", reply.Lines);
        Assert.Equal(
            ["23:10 UTC · Monitoring (update)", "21:10 UTC · Identified (update)", "20:30 UTC · Investigating (update)"],
            reply.Fields.Select(f => f.Name));
        Assert.Equal("Back for most — Ada Admin", reply.Fields[0].Value);
        Assert.Contains(reply.Actions, a => a.Command == "incident resolve INC-1" && a.AdminOnly);
    }

    [Fact]
    public async Task Show_ResolvedWithoutMessage_TimelineSaysResolvedAndNoResolveButton()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major Down");
        bot.Advance(TimeSpan.FromHours(1));
        await bot.RunAsync("incident resolve 1");

        var reply = (await bot.RunAsync("incident show 1")).Reply;

        Assert.Equal("Resolved. — Ada Admin", reply.Fields[0].Value);
        Assert.Empty(reply.Actions);
        Assert.Equal(Severity.Success, reply.Severity);
    }

    [Fact]
    public async Task Show_LongTimeline_ShowsLatest20AndCountsTheRest()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major Down");
        for (var i = 1; i <= 24; i++)
        {
            await bot.RunAsync($"incident update 1 investigating Still looking {i}");
        }

        var reply = (await bot.RunAsync("incident show 1")).Reply;

        Assert.Equal(20, reply.Fields.Length);
        Assert.Equal("Still looking 24 — Ada Admin", reply.Fields[0].Value);
        Assert.Equal("5 earlier updates not shown", reply.Footer);
    }

    [Fact]
    public async Task History_NoIncidents_SaysSoForTheWindow()
    {
        await using var bot = await TestBot.StartAsync();

        var reply = (await bot.RunAsync("history 7", TestBot.Viewer())).Reply;

        Assert.Equal("No incidents in the last 7 days", reply.Title);
    }

    [Fact]
    public async Task History_ResolvedAndOngoing_NewestFirstWithDurationsAndTotal()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major Streaming fails");
        bot.Advance(TimeSpan.FromHours(3) + TimeSpan.FromMinutes(12));
        await bot.RunAsync("incident resolve 1");
        bot.Advance(TimeSpan.FromMinutes(10));
        await bot.RunAsync("incident open api minor Slow API");
        bot.Advance(TimeSpan.FromMinutes(20));

        var reply = (await bot.RunAsync("history")).Reply;

        Assert.Equal("2 incidents in the last 14 days", reply.Title);
        Assert.Equal(
            ["🟡 INC-2 · Slow API — Dec 24, 23:52 UTC · ongoing for 20 minutes", "✅ INC-1 · Streaming fails — Dec 24, 20:30 UTC · lasted 3 hours, 12 minutes"],
            reply.Lines.ToArray());
        Assert.Equal("Total incident time: 3 hours, 32 minutes", reply.Footer);
    }

    [Fact]
    public async Task History_OldResolvedIncident_LeftOutOfAShortWindow()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major Old trouble");
        bot.Advance(TimeSpan.FromHours(1));
        await bot.RunAsync("incident resolve 1");
        bot.Advance(TimeSpan.FromDays(20));

        var shortWindow = (await bot.RunAsync("history 7")).Reply;
        var longWindow = (await bot.RunAsync("history 30")).Reply;

        Assert.Equal("No incidents in the last 7 days", shortWindow.Title);
        Assert.Equal("1 incident in the last 30 days", longWindow.Title);
    }

    [Fact]
    public async Task History_InFrench_FrenchDurations()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major Panne");
        bot.Advance(TimeSpan.FromHours(3) + TimeSpan.FromMinutes(12));
        await bot.RunAsync("incident resolve 1");

        var reply = (await bot.RunAsync("history", TestBot.Viewer("fr"))).Reply;

        Assert.Equal("1 incident au cours des 14 derniers jours", reply.Title);
        Assert.EndsWith("a duré 3 heures et 12 minutes", reply.Lines[0], StringComparison.Ordinal);
        Assert.Equal(CommandOutcome.Answered, (await bot.RunAsync("history", TestBot.Viewer("fr"))).Outcome);
    }
}
