using StatusBot.Core.Commands;
using StatusBot.Core.Domain;
using StatusBot.Core.Replies;
using StatusBot.Testing;

namespace StatusBot.Core.Tests.Commands.Handlers;

/// <summary>incident open, update, cause, resolve and apologize: what the admin is told and what everyone then sees.</summary>
public sealed class IncidentLifecycleTests
{
    private const string Open = "incident open streaming major \"Streaming fails on many devices\" segments:\"TV, consoles\"";

    [Fact]
    public async Task Open_MajorImpact_ServicePartialOutageAndNextUpdatePromised()
    {
        await using var bot = await TestBot.StartAsync();

        var result = await bot.RunAsync(Open + " users:27000000 cause:\"ELB errors\"");

        Assert.Equal(CommandOutcome.Changed, result.Outcome);
        Assert.Equal("Opened INC-1 · Streaming fails on many devices", result.Reply.Title);
        Assert.Equal(Severity.Major, result.Reply.Severity);
        Assert.Contains("Users affected: about 27 million", result.Reply.Lines);
        Assert.Contains("Cause (suspected): ELB errors", result.Reply.Lines);
        Assert.Contains("Next update by 21:00 UTC (30 minutes from now)", result.Reply.Lines);
        var incident = bot.State.Incidents["INC-1"];
        Assert.Equal(TestBot.Start.AddMinutes(30), incident.NextUpdateDue);
        Assert.Equal("Ada Admin", incident.Timeline[0].Author.DisplayName);
        Assert.Equal(ServiceStatus.PartialOutage, bot.State.Services["streaming"].Status);
    }

    [Theory]
    [InlineData("critical", ServiceStatus.MajorOutage)]
    [InlineData("major", ServiceStatus.PartialOutage)]
    [InlineData("minor", ServiceStatus.DegradedPerformance)]
    [InlineData("none", ServiceStatus.Operational)]
    public async Task Open_Impact_SetsEveryAffectedServiceStatus(string impact, ServiceStatus expected)
    {
        await using var bot = await TestBot.StartAsync();

        await bot.RunAsync($"incident open site,api {impact} Trouble");

        Assert.Equal(expected, bot.State.Services["website"].Status);
        Assert.Equal(expected, bot.State.Services["api"].Status);
        Assert.Equal(ServiceStatus.Operational, bot.State.Services["streaming"].Status);
    }

    [Fact]
    public async Task Open_ServiceAlreadyWorse_StatusNotLowered()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("service set streaming major");

        await bot.RunAsync("incident open streaming minor Slow start");

        Assert.Equal(ServiceStatus.MajorOutage, bot.State.Services["streaming"].Status);
    }

    [Fact]
    public async Task Update_WithSegmentsAndUsers_SaysWhoIsAffectedAsMoreIsLearned()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major \"Streaming fails\"");

        var result = await bot.RunAsync("incident update INC-1 identified Many but not all devices segments:\"TV devices, game consoles\" users:27000000");
        await bot.RunAsync("incident update INC-1 identified Still working on it");

        var incident = bot.State.Incidents["INC-1"];
        Assert.Equal(CommandOutcome.Changed, result.Outcome);
        Assert.Equal(["TV devices", "game consoles"], incident.Segments.ToArray());
        Assert.Equal(27_000_000, incident.UsersAffected);
        Assert.Contains("Users affected: about 27 million", result.Reply.ToPlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_Twice_IdsCountUp()
    {
        await using var bot = await TestBot.StartAsync();

        var first = await bot.RunAsync("incident open streaming minor One");
        var second = await bot.RunAsync("incident open api minor Two");

        Assert.StartsWith("Opened INC-1", first.Reply.Title, StringComparison.Ordinal);
        Assert.StartsWith("Opened INC-2", second.Reply.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_Identified_TimelineGrowsAndNextUpdateMovesOn()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync(Open);
        bot.Advance(TimeSpan.FromMinutes(45));

        var result = await bot.RunAsync("incident update INC-1 identified Load balancers in us-east-1 are failing");

        Assert.Equal("Updated INC-1 · Streaming fails on many devices — Identified", result.Reply.Title);
        Assert.Contains("Latest: Load balancers in us-east-1 are failing (now)", result.Reply.Lines);
        Assert.Contains("Next update by 21:45 UTC (30 minutes from now)", result.Reply.Lines);
        Assert.Equal(2, bot.State.Incidents["INC-1"].Timeline.Count);
    }

    [Fact]
    public async Task Update_Monitoring_RestoredForMostShown()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync(Open);
        bot.Advance(TimeSpan.FromHours(3));

        var result = await bot.RunAsync("incident update 1 monitoring Service is back for most customers");

        Assert.Contains("Restored for most users at 23:30 UTC", result.Reply.Lines);
        Assert.False(bot.State.Incidents["INC-1"].IsResolved);
    }

    [Fact]
    public async Task Update_Resolved_ResolvesAndServiceBackUp()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync(Open);

        await bot.RunAsync("incident update 1 resolved All devices work again");

        Assert.True(bot.State.Incidents["INC-1"].IsResolved);
        Assert.Equal("All devices work again", bot.State.Incidents["INC-1"].Timeline[^1].Message);
        Assert.Equal(ServiceStatus.Operational, bot.State.Services["streaming"].Status);
    }

    [Fact]
    public async Task Cause_WithUpstream_RecordedAndShown()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync(Open);

        var result = await bot.RunAsync("incident cause 1 confirmed ELB failure upstream:\"AWS Elastic Load Balancing (us-east-1)\"");

        Assert.Equal("Cause recorded for INC-1 · Streaming fails on many devices", result.Reply.Title);
        Assert.Equal(["Cause (confirmed): ELB failure — upstream: AWS Elastic Load Balancing (us-east-1)"], result.Reply.Lines.ToArray());
        Assert.Equal(new Cause("ELB failure", CauseConfidence.Confirmed, DemoCatalog.ElbId), bot.State.Incidents["INC-1"].Cause);
    }

    [Fact]
    public async Task Cause_SameAgain_Unchanged()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync(Open);
        await bot.RunAsync("incident cause 1 suspected ELB");
        var before = bot.State.Sequence;

        var result = await bot.RunAsync("incident cause 1 suspected ELB");

        Assert.Equal(CommandOutcome.Unchanged, result.Outcome);
        Assert.Equal(before, bot.State.Sequence);
    }

    [Fact]
    public async Task Cause_OnResolvedIncident_StillRecorded()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync(Open);
        await bot.RunAsync("incident resolve 1");

        var result = await bot.RunAsync("incident cause 1 confirmed ELB state bug");

        Assert.Equal(CommandOutcome.Changed, result.Outcome);
        Assert.Equal(CauseConfidence.Confirmed, bot.State.Incidents["INC-1"].Cause!.Confidence);
    }

    [Fact]
    public async Task Resolve_AfterThreeHours_SaysHowLongAndServiceBackUp()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync(Open);
        bot.Advance(TimeSpan.FromHours(3) + TimeSpan.FromMinutes(12));

        var result = await bot.RunAsync("incident resolve INC-1");

        Assert.Equal("Resolved INC-1 · Streaming fails on many devices after 3 hours, 12 minutes", result.Reply.Title);
        Assert.Equal(Severity.Success, result.Reply.Severity);
        Assert.Contains("Resolved at 23:42 UTC, after 3 hours, 12 minutes", result.Reply.Lines);
        Assert.Equal(ServiceStatus.Operational, bot.State.Services["streaming"].Status);
        Assert.Empty(bot.State.OpenIncidentIds);
    }

    [Fact]
    public async Task Resolve_OtherIncidentStillOpenOnService_ServiceKeepsThatStatus()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming critical Down everywhere");
        await bot.RunAsync("incident open streaming,website minor Slow pages");

        await bot.RunAsync("incident resolve 1");

        Assert.Equal(ServiceStatus.DegradedPerformance, bot.State.Services["streaming"].Status);
        Assert.Equal(ServiceStatus.DegradedPerformance, bot.State.Services["website"].Status);
    }
}
