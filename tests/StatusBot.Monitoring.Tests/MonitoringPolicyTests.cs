using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StatusBot.Core.Board;
using StatusBot.Core.Commands;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Testing;

namespace StatusBot.Monitoring.Tests;

public sealed class MonitoringPolicyTests
{
    private readonly MonitoringPolicy _policy = new(_ => new PolicyThresholds(FailureThreshold: 3, RecoveryThreshold: 2));

    [Fact]
    public async Task Failures_BelowTheThreshold_OpenNothing_AtTheThreshold_OpenOneAutomaticIncident()
    {
        await using var bot = await TestBot.StartAsync();

        await ObserveAsync(bot, "streaming", ProbeOutcome.Down, ProbeOutcome.Down);
        var before = bot.State.OpenIncidentIds.Count;
        await ObserveAsync(bot, "streaming", ProbeOutcome.Down, ProbeOutcome.Down, ProbeOutcome.Down);

        Assert.Equal(0, before);
        var incident = Assert.Single(bot.State.OpenIncidents);
        Assert.True(incident.Automatic);
        Assert.Equal(ServiceStatus.MajorOutage, bot.State.Services["streaming"].Status);
        Assert.Equal("Streaming is unavailable", incident.Title);
        Assert.Equal("Streaming: HTTP 503", Assert.Single(incident.Notes).Text);
        Assert.Null(bot.State.Services["streaming"].Note);
    }

    [Fact]
    public async Task Flapping_NeverReachesTheThreshold_OpensNothing()
    {
        await using var bot = await TestBot.StartAsync();

        await ObserveAsync(bot, "streaming", ProbeOutcome.Down, ProbeOutcome.Down, ProbeOutcome.Up, ProbeOutcome.Down, ProbeOutcome.Down, ProbeOutcome.Up);

        Assert.Empty(bot.State.OpenIncidents);
    }

    [Fact]
    public async Task Recovery_AfterTheThreshold_ResolvesTheAutomaticIncident()
    {
        await using var bot = await TestBot.StartAsync();
        await ObserveAsync(bot, "streaming", ProbeOutcome.Down, ProbeOutcome.Down, ProbeOutcome.Down);

        await ObserveAsync(bot, "streaming", ProbeOutcome.Up);
        var stillOpen = bot.State.OpenIncidents.Count();
        await ObserveAsync(bot, "streaming", ProbeOutcome.Up);

        Assert.Equal(1, stillOpen);
        Assert.Empty(bot.State.OpenIncidents);
        Assert.Equal(ServiceStatus.Operational, bot.State.Services["streaming"].Status);
    }

    [Fact]
    public async Task UnknownGaps_AreNeitherFailuresNorSuccesses()
    {
        await using var bot = await TestBot.StartAsync();
        await ObserveAsync(bot, "streaming", ProbeOutcome.Down, ProbeOutcome.Down, ProbeOutcome.Down);

        await ObserveAsync(bot, "streaming", ProbeOutcome.Unknown, ProbeOutcome.Unknown, ProbeOutcome.Unknown);

        Assert.Single(bot.State.OpenIncidents);
    }

    [Fact]
    public async Task HumanUpdate_TakesOver_TheBotNoLongerResolves()
    {
        await using var bot = await TestBot.StartAsync();
        await ObserveAsync(bot, "streaming", ProbeOutcome.Down, ProbeOutcome.Down, ProbeOutcome.Down);
        await bot.RunAsync("incident update INC-1 identified We are on it");

        await ObserveAsync(bot, "streaming", ProbeOutcome.Up, ProbeOutcome.Up, ProbeOutcome.Up);

        Assert.Single(bot.State.OpenIncidents);
    }

    [Fact]
    public async Task ExpectedDownMaintenance_Running_OpensNothing()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("maintenance schedule streaming in:1m 2h Player upgrade");
        bot.Advance(TimeSpan.FromMinutes(5));

        await ObserveAsync(bot, "streaming", ProbeOutcome.Down, ProbeOutcome.Down, ProbeOutcome.Down, ProbeOutcome.Down);

        Assert.Empty(bot.State.OpenIncidents);
    }

    [Fact]
    public async Task UpstreamInTrouble_SetsTheSuspectedCause_AndItsUpdatesGoOnTheTimeline()
    {
        await using var bot = await TestBot.StartAsync();
        var elb = DemoCatalog.Upstreams[0].Id;
        await CommitAsync(bot, new UpstreamStatusChanged(Actor.System, bot.Time.GetUtcNow(), elb, "major", "Elevated ELB error rates", "investigating"));

        await ObserveAsync(bot, "streaming", ProbeOutcome.Down, ProbeOutcome.Down, ProbeOutcome.Down);
        var report = new UpstreamReport(elb, "minor", "Elevated ELB error rates", "identified", bot.Time.GetUtcNow());
        await bot.Board.ExecuteAsync(s => Decision.Apply(MonitoringPolicy.UpstreamUpdates(s, report)), CancellationToken.None);

        var incident = Assert.Single(bot.State.OpenIncidents);
        Assert.Equal(new Cause("AWS Elastic Load Balancing (us-east-1) reports Elevated ELB error rates", CauseConfidence.Suspected, elb), incident.Cause);
        Assert.Equal(UpdateKind.Upstream, incident.Timeline[^1].Kind);
        Assert.Equal("AWS Elastic Load Balancing (us-east-1) reports: Elevated ELB error rates (identified)", incident.Timeline[^1].Message);
    }

    [Fact]
    public async Task AutomaticIncident_PromisesItsFirstUpdate_AfterTheConfiguredInterval()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton(new CommandSettings(TimeSpan.FromMinutes(10)));
        services.AddStatusBotMonitoring();
        using var provider = services.BuildServiceProvider();
        var configured = provider.GetRequiredService<MonitoringPolicy>();
        await using var bot = await TestBot.StartAsync();

        await ObserveAsync(bot, "streaming", configured, ProbeOutcome.Down, ProbeOutcome.Down, ProbeOutcome.Down);

        var incident = Assert.Single(bot.State.OpenIncidents);
        Assert.Equal(bot.Time.GetUtcNow() + TimeSpan.FromMinutes(10), incident.NextUpdateDue);
    }

    [Fact]
    public async Task AutomaticIncident_WithoutAnInterval_PromisesTheDefaultThirtyMinutes()
    {
        await using var bot = await TestBot.StartAsync();

        await ObserveAsync(bot, "streaming", ProbeOutcome.Down, ProbeOutcome.Down, ProbeOutcome.Down);

        Assert.Equal(bot.Time.GetUtcNow() + CommandSettings.Default.UpdateInterval, Assert.Single(bot.State.OpenIncidents).NextUpdateDue);
    }

    private Task ObserveAsync(TestBot bot, string service, params ProbeOutcome[] outcomes) => ObserveAsync(bot, service, _policy, outcomes);

    private static async Task ObserveAsync(TestBot bot, string service, MonitoringPolicy policy, params ProbeOutcome[] outcomes)
    {
        foreach (var outcome in outcomes)
        {
            bot.Advance(TimeSpan.FromSeconds(30));
            var observation = new Observation(service, outcome, bot.Time.GetUtcNow(), outcome == ProbeOutcome.Up ? "HTTP 200" : "HTTP 503");
            await bot.Board.ExecuteAsync(s => Decision.Apply(policy.Decide(s, observation)), CancellationToken.None);
        }
    }

    private static Task CommitAsync(TestBot bot, BoardEvent e) => bot.Board.ExecuteAsync(_ => Decision.Apply(e), CancellationToken.None);
}
