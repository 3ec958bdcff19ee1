using StatusBot.Core.Board;
using StatusBot.Core.Domain;
using StatusBot.Testing;

namespace StatusBot.Monitoring.Tests;

/// <summary>
/// One outage, one incident: services that share a dependency fail into the same automatic incident, come back one by
/// one within it, and the provider is blamed with its evidence when it speaks, even late.
/// </summary>
public sealed class CorrelationTests
{
    private const string Elb = DemoCatalog.ElbId;

    private readonly MonitoringPolicy _policy = new(_ => new PolicyThresholds(FailureThreshold: 3, RecoveryThreshold: 2));

    [Fact]
    public async Task ThreeDependentServices_FailingWithinSeconds_OpenOneIncident_NamingThemAll()
    {
        await using var bot = await TestBot.StartAsync();

        await FailTogetherAsync(bot, "streaming", "website", "api");

        var incident = Assert.Single(bot.State.OpenIncidents);
        Assert.Equal(["streaming", "website", "api"], incident.Services.Select(s => s.ServiceId));
        Assert.Equal("Streaming, Website and API are unavailable", incident.Title);
        Assert.Equal(["Streaming is unavailable", "Website is affected too", "API is affected too"], incident.Timeline.Select(t => t.Message));
        Assert.All(["streaming", "website", "api"], id => Assert.Equal(ServiceStatus.MajorOutage, bot.State.Services[id].Status));
        Assert.All(["streaming", "website", "api"], id => Assert.Equal("INC-1", bot.State.CurrentOrLastIncidentFor(id)?.Id));
    }

    [Fact]
    public async Task ASlowService_JoiningAnOutage_IsNamedAsSlow()
    {
        await using var bot = await TestBot.StartAsync();
        await ObserveAsync(bot, "streaming", ProbeOutcome.Down, ProbeOutcome.Down, ProbeOutcome.Down);

        await ObserveAsync(bot, "website", ProbeOutcome.Degraded, ProbeOutcome.Degraded, ProbeOutcome.Degraded);

        Assert.Equal("Streaming is unavailable; Website is slow", Assert.Single(bot.State.OpenIncidents).Title);
        Assert.Equal(ServiceStatus.DegradedPerformance, bot.State.Services["website"].Status);
    }

    [Fact]
    public async Task AfterTheWindow_WithTheSharedUpstreamSilent_AServiceOpensItsOwnIncident()
    {
        await using var bot = await TestBot.StartAsync();
        await ObserveAsync(bot, "streaming", ProbeOutcome.Down, ProbeOutcome.Down, ProbeOutcome.Down);

        bot.Advance(TimeSpan.FromMinutes(6));
        await ObserveAsync(bot, "website", ProbeOutcome.Down, ProbeOutcome.Down, ProbeOutcome.Down);

        Assert.Equal(["Streaming is unavailable", "Website is unavailable"], bot.State.OpenIncidents.Select(i => i.Title));
    }

    [Fact]
    public async Task AfterTheWindow_WithTheSharedUpstreamReportingTrouble_AServiceStillJoins()
    {
        await using var bot = await TestBot.StartAsync();
        await ObserveAsync(bot, "streaming", ProbeOutcome.Down, ProbeOutcome.Down, ProbeOutcome.Down);
        bot.Advance(TimeSpan.FromMinutes(20));
        await ReportAsync(bot, "major", "Increased error rates", "investigating");

        await ObserveAsync(bot, "website", ProbeOutcome.Down, ProbeOutcome.Down, ProbeOutcome.Down);

        var incident = Assert.Single(bot.State.OpenIncidents);
        Assert.Equal("Streaming and Website are unavailable", incident.Title);
    }

    [Fact]
    public async Task AServiceSharingNoDependency_OpensItsOwnIncident()
    {
        await using var bot = await TestBot.StartAsync();

        await FailTogetherAsync(bot, "streaming", "billing");

        Assert.Equal(["Streaming is unavailable", "Billing is unavailable"], bot.State.OpenIncidents.Select(i => i.Title));
    }

    [Fact]
    public async Task CorrelationWindow_IsConfigurable()
    {
        await using var bot = await TestBot.StartAsync();
        var policy = new MonitoringPolicy(_ => new PolicyThresholds(3, 2), null, new MonitoringSettings { CorrelationWindowSeconds = 60 });
        await ObserveAsync(bot, "streaming", policy, ProbeOutcome.Down, ProbeOutcome.Down, ProbeOutcome.Down);

        await ObserveAsync(bot, "website", policy, ProbeOutcome.Down, ProbeOutcome.Down, ProbeOutcome.Down);

        Assert.Equal(2, bot.State.OpenIncidents.Count());
    }

    [Fact]
    public async Task PartialRecovery_IsAnUpdate_AndTheIncidentResolvesWhenEveryServiceIsBack()
    {
        await using var bot = await TestBot.StartAsync();
        await FailTogetherAsync(bot, "streaming", "website", "api");

        await ObserveAsync(bot, "website", ProbeOutcome.Up, ProbeOutcome.Up);
        var partly = Assert.Single(bot.State.OpenIncidents);
        var websiteStatus = bot.State.Services["website"].Status;
        await ObserveAsync(bot, "website", ProbeOutcome.Up, ProbeOutcome.Up);
        await ObserveAsync(bot, "streaming", ProbeOutcome.Up, ProbeOutcome.Up);
        var stillOpen = bot.State.OpenIncidents.Count();
        await ObserveAsync(bot, "api", ProbeOutcome.Up, ProbeOutcome.Up);

        Assert.Equal("Website is back; Streaming and API are still affected", partly.Timeline[^1].Message);
        Assert.NotNull(partly.Milestones.Mitigated);
        Assert.Equal(ServiceStatus.Operational, websiteStatus);
        Assert.Equal(1, stillOpen);
        Assert.Empty(bot.State.OpenIncidents);
        var resolved = bot.State.Incidents["INC-1"];
        Assert.Equal(
            ["Website is back; Streaming and API are still affected", "Streaming is back; API is still affected"],
            resolved.Timeline.Where(t => t.Message.Contains(" is back;", StringComparison.Ordinal)).Select(t => t.Message));
        Assert.Equal(IncidentStatus.Resolved, resolved.Status);
        Assert.All(["streaming", "website", "api"], id => Assert.Equal(ServiceStatus.Operational, bot.State.Services[id].Status));
    }

    [Fact]
    public async Task AServiceFailingAgain_AfterComingBack_IsAffectedAgain()
    {
        await using var bot = await TestBot.StartAsync();
        await FailTogetherAsync(bot, "streaming", "website");
        await ObserveAsync(bot, "website", ProbeOutcome.Up, ProbeOutcome.Up);

        await ObserveAsync(bot, "website", ProbeOutcome.Down, ProbeOutcome.Down, ProbeOutcome.Down);

        var incident = Assert.Single(bot.State.OpenIncidents);
        Assert.Equal("Website is affected again", incident.Timeline[^1].Message);
        Assert.Equal(2, incident.StillAffected.Count());
        Assert.Equal(ServiceStatus.MajorOutage, bot.State.Services["website"].Status);
    }

    [Fact]
    public async Task APersonsIncident_IsNeverJoined_AndTwoPeoplesIncidentsAreNeverMerged()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major \"Streaming fails on TV devices\"");
        await bot.RunAsync("incident open website minor \"Website is slow to load\"");

        await FailTogetherAsync(bot, "streaming", "website", "api");

        var incidents = bot.State.OpenIncidents.ToList();
        Assert.Equal(["INC-1", "INC-2", "INC-3"], incidents.Select(i => i.Id));
        Assert.Equal(["streaming"], incidents[0].Services.Select(s => s.ServiceId));
        Assert.Equal(["website"], incidents[1].Services.Select(s => s.ServiceId));
        Assert.Equal(["api"], incidents[2].Services.Select(s => s.ServiceId));
        Assert.True(incidents[2].Automatic);
    }

    [Fact]
    public async Task InAnIncidentAPersonUpdated_ServicesStay_ComeBackOneByOne_AndOnlyThePersonResolves()
    {
        await using var bot = await TestBot.StartAsync();
        await FailTogetherAsync(bot, "streaming", "website");
        await bot.RunAsync("incident update INC-1 identified Load balancers are failing");

        await ObserveAsync(bot, "api", ProbeOutcome.Down, ProbeOutcome.Down, ProbeOutcome.Down);
        await ObserveAsync(bot, "website", ProbeOutcome.Up, ProbeOutcome.Up);
        await ObserveAsync(bot, "api", ProbeOutcome.Up, ProbeOutcome.Up);
        await ObserveAsync(bot, "streaming", ProbeOutcome.Up, ProbeOutcome.Up, ProbeOutcome.Up);

        var incident = Assert.Single(bot.State.OpenIncidents);
        Assert.Equal(["streaming", "website", "api"], incident.Services.Select(s => s.ServiceId));
        Assert.Equal(
            ["Website is back; Streaming and API are still affected", "API is back; Streaming is still affected"],
            incident.Timeline.Where(t => t.Message.Contains(" is back;", StringComparison.Ordinal)).Select(t => t.Message));
        Assert.Equal(IncidentStatus.Identified, incident.Status);
        Assert.Equal(ServiceStatus.MajorOutage, bot.State.Services["streaming"].Status);
    }

    [Fact]
    public async Task AProviderReportingAfterOurChecks_GetsTheCause_AndAnUpdateWithTheEvidence()
    {
        await using var bot = await TestBot.StartAsync();
        var firstFailure = bot.Time.GetUtcNow() + TimeSpan.FromSeconds(29);
        await FailTogetherAsync(bot, "streaming", "website");
        Assert.Null(Assert.Single(bot.State.OpenIncidents).Cause);

        bot.Advance(TimeSpan.FromMinutes(2));
        var acknowledged = bot.Time.GetUtcNow();
        await ReportAsync(bot, "major", "Increased error rates for load balancers", "investigating");

        var incident = Assert.Single(bot.State.OpenIncidents);
        Assert.Equal(new Cause("AWS Elastic Load Balancing (us-east-1) reports Increased error rates for load balancers", CauseConfidence.Suspected, Elb), incident.Cause);
        Assert.Equal(UpdateKind.Upstream, incident.Timeline[^1].Kind);
        Assert.Equal(
            "AWS Elastic Load Balancing (us-east-1) now reports: Increased error rates for load balancers (acknowledged 3 minutes after our checks first failed)",
            incident.Timeline[^1].Message);
        var evidence = Assert.Single(incident.Evidence);
        Assert.Equal(firstFailure, evidence.ChecksFailedAt);
        Assert.Equal(acknowledged, evidence.AcknowledgedAt);
        Assert.Equal(TimeSpan.FromSeconds(181), evidence.Lead);
    }

    [Fact]
    public async Task Why_ShowsTheEvidence_UpToTheProvidersResolution_EvenAfterOurIncidentResolved()
    {
        await using var bot = await TestBot.StartAsync();
        await FailTogetherAsync(bot, "streaming");
        bot.Advance(TimeSpan.FromMinutes(2));
        await ReportAsync(bot, "major", "Increased error rates", "investigating");
        await ObserveAsync(bot, "streaming", ProbeOutcome.Up, ProbeOutcome.Up);
        bot.Advance(TimeSpan.FromHours(12));

        await ReportAsync(bot, "none", null, null);
        var why = await bot.RunAsync("why streaming", TestBot.Viewer());

        var text = why.Reply.ToPlainText();
        Assert.Contains(
            "Evidence: our checks first failed at Dec 24, 20:30 UTC · AWS Elastic Load Balancing (us-east-1) acknowledged at Dec 24, 20:33 UTC (3 minutes later) · AWS Elastic Load Balancing (us-east-1) reported it resolved at 08:34 UTC",
            text,
            StringComparison.Ordinal);
        Assert.Contains("Cause (suspected): AWS Elastic Load Balancing (us-east-1) reports Increased error rates", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACausePersonSet_IsKept_WhenTheProviderSpeaksLate()
    {
        await using var bot = await TestBot.StartAsync();
        await FailTogetherAsync(bot, "streaming");
        await bot.RunAsync("incident cause INC-1 identified A bad deploy of the player");

        bot.Advance(TimeSpan.FromMinutes(5));
        await ReportAsync(bot, "major", "Increased error rates", "investigating");

        var incident = Assert.Single(bot.State.OpenIncidents);
        Assert.Equal("A bad deploy of the player", incident.Cause?.Text);
        Assert.Equal(CauseConfidence.Identified, incident.Cause?.Confidence);
        Assert.StartsWith("AWS Elastic Load Balancing (us-east-1) now reports: Increased error rates", incident.Timeline[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUpstreamSilentWhileItsDependentsFail_IsNotedOnce_AfterTheSilenceDelay()
    {
        await using var bot = await TestBot.StartAsync();
        await FailTogetherAsync(bot, "streaming", "website");

        var notedBefore = Assert.Single(Assert.Single(bot.State.OpenIncidents).Evidence).SilenceNotedAt;
        for (var i = 0; i < 30; i++)
        {
            await ObserveAsync(bot, "streaming", ProbeOutcome.Down);
        }

        var incident = Assert.Single(bot.State.OpenIncidents);
        Assert.Null(notedBefore);
        var noted = Assert.Single(incident.Evidence).SilenceNotedAt;
        Assert.NotNull(noted);
        Assert.True(noted - incident.Milestones.Started >= TimeSpan.FromMinutes(10));
        Assert.True(noted - incident.Milestones.Started < TimeSpan.FromMinutes(11));
        Assert.Single(incident.Notes, n => n.Text == "AWS Elastic Load Balancing (us-east-1) still reports no problem");
    }

    [Fact]
    public async Task AnUpstreamReportingTrouble_IsNeverNotedAsSilent()
    {
        await using var bot = await TestBot.StartAsync();
        await FailTogetherAsync(bot, "streaming");
        await ReportAsync(bot, "major", "Increased error rates", "investigating");

        for (var i = 0; i < 30; i++)
        {
            await ObserveAsync(bot, "streaming", ProbeOutcome.Down);
        }

        Assert.Null(Assert.Single(Assert.Single(bot.State.OpenIncidents).Evidence).SilenceNotedAt);
    }

    [Fact]
    public async Task ProbeDetails_GoToTheInternalNotes_NeverToTheTitleTimelineOrServiceNote()
    {
        await using var bot = await TestBot.StartAsync();
        await FailTogetherAsync(bot, "streaming", "website");
        await ObserveAsync(bot, "website", ProbeOutcome.Up, ProbeOutcome.Up);

        var incident = Assert.Single(bot.State.OpenIncidents);
        Assert.Equal(["Streaming: HTTP 503 in 4 ms", "Website: HTTP 503 in 4 ms", "Website: HTTP 200 in 4 ms"], incident.Notes.Select(n => n.Text));
        Assert.DoesNotContain(incident.Timeline, t => t.Message.Contains("HTTP", StringComparison.Ordinal));
        Assert.DoesNotContain("HTTP", incident.Title, StringComparison.Ordinal);
        Assert.All(bot.State.Services.Values, s => Assert.Null(s.Note));
    }

    /// <summary>Each service fails three times, the services a second apart within each round of probes.</summary>
    private async Task FailTogetherAsync(TestBot bot, params string[] services)
    {
        for (var round = 0; round < 3; round++)
        {
            bot.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromSeconds(services.Length - 1));
            foreach (var service in services)
            {
                await DecideAsync(bot, _policy, new Observation(service, ProbeOutcome.Down, bot.Time.GetUtcNow(), "HTTP 503 in 4 ms"));
                if (service != services[^1])
                {
                    bot.Advance(TimeSpan.FromSeconds(1));
                }
            }
        }
    }

    private Task ObserveAsync(TestBot bot, string service, params ProbeOutcome[] outcomes) => ObserveAsync(bot, service, _policy, outcomes);

    private static async Task ObserveAsync(TestBot bot, string service, MonitoringPolicy policy, params ProbeOutcome[] outcomes)
    {
        foreach (var outcome in outcomes)
        {
            bot.Advance(TimeSpan.FromSeconds(30));
            await DecideAsync(bot, policy, new Observation(service, outcome, bot.Time.GetUtcNow(), outcome == ProbeOutcome.Up ? "HTTP 200 in 4 ms" : "HTTP 503 in 4 ms"));
        }
    }

    private static Task DecideAsync(TestBot bot, MonitoringPolicy policy, Observation o) =>
        bot.Board.ExecuteAsync(s => Decision.Apply(policy.Decide(s, o)), CancellationToken.None);

    private static Task ReportAsync(TestBot bot, string indicator, string? name, string? status) =>
        bot.Board.ExecuteAsync(s => UpstreamRecorder.Decide(s, new UpstreamReport(Elb, indicator, name, status, bot.Time.GetUtcNow())), CancellationToken.None);
}
