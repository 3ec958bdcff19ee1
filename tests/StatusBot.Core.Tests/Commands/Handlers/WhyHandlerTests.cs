using StatusBot.Core.Replies;
using StatusBot.Testing;

namespace StatusBot.Core.Tests.Commands.Handlers;

public sealed class WhyHandlerTests
{
    [Fact]
    public async Task Why_NoIncidentEver_NothingWrong()
    {
        await using var bot = await TestBot.StartAsync();

        var reply = (await bot.RunAsync("why", TestBot.Viewer())).Reply;

        Assert.Equal("Nothing is wrong right now, and no incident was ever recorded", reply.Title);
        Assert.Equal(Severity.Success, reply.Severity);
    }

    [Fact]
    public async Task WhyService_NoOutageForIt_SaysSoWithItsLine()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major Down");

        var reply = (await bot.RunAsync("why website")).Reply;

        Assert.Equal("Website has no recorded outage", reply.Title);
        Assert.Equal(["🟢 Website — Operational"], reply.Lines.ToArray());
    }

    [Fact]
    public async Task WhyService_NoCauseYet_SaysEngineersAreInvestigating()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major \"Streaming fails on many devices\"");

        var reply = (await bot.RunAsync("why streaming")).Reply;

        Assert.Equal("Why: INC-1 · Streaming fails on many devices", reply.Title);
        Assert.Equal("Cause: not known yet", reply.Lines[0]);
        Assert.Equal("Our engineers are investigating; the cause will be posted here as soon as it is known.", reply.Lines[1]);
        Assert.Single(reply.Lines, l => l == "Cause: not known yet");
    }

    [Fact]
    public async Task WhyService_CauseWithUpstream_NamesUpstreamAndWhatDependsOnIt()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major \"Streaming fails on many devices\"");
        await bot.RunAsync("incident cause 1 identified Load balancers failing in us-east-1 upstream:aws-elb-us-east-1");

        var reply = (await bot.RunAsync("why video")).Reply;

        Assert.Equal("Cause (identified): Load balancers failing in us-east-1 — upstream: AWS Elastic Load Balancing (us-east-1)", reply.Lines[0]);
        Assert.Equal("Streaming, Website and API depend on AWS Elastic Load Balancing (us-east-1).", reply.Lines[1]);
        Assert.DoesNotContain(reply.Lines, l => l.Contains("investigating", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WhyService_CauseWithoutUpstream_NoDependencyLine()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open billing major Payments fail cause:\"Card processor timeouts\"");

        var reply = (await bot.RunAsync("why billing")).Reply;

        Assert.Equal("Cause (suspected): Card processor timeouts", reply.Lines[0]);
        Assert.DoesNotContain(reply.Lines, l => l.Contains("depend", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Why_OneOpenIncident_ExplainsItWithoutNamingTheService()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open api minor Slow API cause:\"database failover\"");

        var reply = (await bot.RunAsync("why")).Reply;

        Assert.Equal("Why: INC-1 · Slow API", reply.Title);
        Assert.Equal(Severity.Minor, reply.Severity);
    }

    [Fact]
    public async Task Why_SeveralOpenIncidents_CauseOfEach()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open api minor Slow API cause:\"database failover\"");
        await bot.RunAsync("incident open streaming critical Streaming down");

        var reply = (await bot.RunAsync("why")).Reply;

        Assert.Equal("2 incidents are open", reply.Title);
        Assert.Equal(Severity.Critical, reply.Severity);
        Assert.Equal(
            [("INC-1 · Slow API", "Cause (suspected): database failover"), ("INC-2 · Streaming down", "Cause: not known yet")],
            reply.Fields.Select(f => (f.Name, f.Value)));
    }

    [Fact]
    public async Task Why_AfterResolution_SaysNothingNowAndExplainsTheLastOne()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major Down cause:\"ELB\"");
        bot.Advance(TimeSpan.FromHours(1));
        await bot.RunAsync("incident resolve 1 Fixed");

        var reply = (await bot.RunAsync("why")).Reply;

        Assert.Equal("Why (resolved): INC-1 · Down", reply.Title);
        Assert.Equal("Nothing is wrong right now. The last incident:", reply.Lines[0]);
        Assert.Equal("Cause (suspected): ELB", reply.Lines[1]);
        Assert.Equal(Severity.Success, reply.Severity);
    }

    [Fact]
    public async Task WhyService_InFrench_ExplainsInFrench()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major Panne cause:\"répartiteurs de charge\"");

        var reply = (await bot.RunAsync("why streaming", TestBot.Viewer("fr"))).Reply;

        Assert.Equal("Pourquoi : INC-1 · Panne", reply.Title);
        Assert.Equal("Cause (soupçonnée) : répartiteurs de charge", reply.Lines[0]);
    }
}
