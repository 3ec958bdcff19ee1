using StatusBot.Core.Commands;
using StatusBot.Core.Replies;
using StatusBot.Testing;

namespace StatusBot.Core.Tests.Commands.Handlers;

public sealed class StatusHandlerTests
{
    private const string Open = "incident open streaming major \"Streaming fails on many devices\" segments:\"TV, consoles\"";

    [Fact]
    public async Task Status_NothingWrong_AllOperationalOneLinePerService()
    {
        await using var bot = await TestBot.StartAsync();

        var reply = (await bot.RunAsync("status", TestBot.Viewer())).Reply;

        Assert.Equal("All systems operational", reply.Title);
        Assert.Equal(Severity.Success, reply.Severity);
        Assert.Equal(["🟢 Streaming — Operational", "🟢 Website — Operational", "🟢 API — Operational", "🟢 Billing — Operational", "🟢 Sign-in — Operational"], reply.Lines.ToArray());
        Assert.Empty(reply.Fields);
        Assert.Equal("No open incidents", reply.Footer);
    }

    [Fact]
    public async Task Status_OpenIncident_ShowsServiceSinceWhenAndIncidentWithNextUpdate()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync(Open);
        bot.Advance(TimeSpan.FromMinutes(20));

        var reply = (await bot.RunAsync("status", TestBot.Viewer())).Reply;

        Assert.Equal("Streaming: partial outage", reply.Title);
        Assert.Equal(Severity.Major, reply.Severity);
        Assert.Equal("🟠 Streaming — Partial outage · for 20 minutes", reply.Lines[0]);
        var field = Assert.Single(reply.Fields);
        Assert.Equal("INC-1 · Streaming fails on many devices", field.Name);
        Assert.Equal(
            "Investigating · major impact (partial outage) · Streaming · started 20 minutes ago\nAffected: TV, consoles\nCause: not known yet\nNext update by 21:00 UTC (10 minutes from now)",
            field.Value);
        Assert.Equal("1 open incident", reply.Footer);
        Assert.Contains(reply.Actions, a => a.Command == "incident show INC-1" && !a.AdminOnly);
    }

    [Fact]
    public async Task Status_UpdateOverdue_SaysItIsComing()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync(Open);
        bot.Advance(TimeSpan.FromHours(2));

        var reply = (await bot.RunAsync("status")).Reply;

        Assert.EndsWith("An update was due by 21:00 UTC; it is coming", reply.Fields[0].Value, StringComparison.Ordinal);
        Assert.Equal("🟠 Streaming — Partial outage · for 2 hours", reply.Lines[0]);
    }

    [Fact]
    public async Task Status_TwoServicesInTrouble_CountsThem()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming,api critical Everything is on fire");

        var reply = (await bot.RunAsync("status")).Reply;

        Assert.Equal("2 of 5 services have problems", reply.Title);
        Assert.Equal(Severity.Critical, reply.Severity);
        Assert.StartsWith("🔴 API — Major outage", reply.Lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusOfOneService_ByAlias_ShowsItsIncidentInDetail()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync(Open + " users:27000000");
        bot.Advance(TimeSpan.FromMinutes(5));

        var reply = (await bot.RunAsync("status netflix", TestBot.Viewer())).Reply;

        Assert.Equal("🟠 Streaming: Partial outage", reply.Title);
        Assert.Equal("Since 20:30 UTC (5 minutes)", reply.Lines[0]);
        var field = Assert.Single(reply.Fields);
        Assert.Contains("Users affected: about 27 million", field.Value, StringComparison.Ordinal);
        Assert.Contains(reply.Actions, a => a.Command == "incident resolve INC-1" && a.AdminOnly);
    }

    [Fact]
    public async Task StatusOfOneService_AfterResolution_ShowsBackSinceAndLastIncident()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync(Open);
        bot.Advance(TimeSpan.FromHours(3) + TimeSpan.FromMinutes(12));
        await bot.RunAsync("incident resolve 1");
        bot.Advance(TimeSpan.FromHours(1));

        var reply = (await bot.RunAsync("status streaming")).Reply;

        Assert.Equal("🟢 Streaming: Operational", reply.Title);
        Assert.Equal("No open incident.", reply.Lines[1]);
        Assert.Equal("Last incident: INC-1 · Streaming fails on many devices, resolved an hour ago (lasted 3 hours, 12 minutes)", reply.Lines[2]);
        var overview = (await bot.RunAsync("status")).Reply;
        Assert.Equal("🟢 Streaming — Operational · back an hour ago", overview.Lines[0]);
    }

    [Fact]
    public async Task StatusOfOneService_WithNote_ShowsNote()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("service set billing maintenance Card processor upgrade until 23:00");

        var reply = (await bot.RunAsync("status billing")).Reply;

        Assert.Equal("🔧 Billing: Under maintenance", reply.Title);
        Assert.Contains("Note: Card processor upgrade until 23:00", reply.Lines);
        Assert.Equal(CommandOutcome.Answered, (await bot.RunAsync("status billing")).Outcome);
    }
}
