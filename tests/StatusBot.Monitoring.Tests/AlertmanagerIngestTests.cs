using StatusBot.Core.Domain;
using StatusBot.Testing;

namespace StatusBot.Monitoring.Tests;

public sealed class AlertmanagerIngestTests
{
    private readonly MonitoringPolicy _policy = new(_ => new PolicyThresholds(FailureThreshold: 3, RecoveryThreshold: 3));

    [Fact]
    public async Task Firing_OpensTheIncidentAtOnce_AndReportsTheAlertNamingNoService()
    {
        await using var bot = await TestBot.StartAsync();
        var ingest = new AlertmanagerIngest(bot.Board, _policy, bot.Time);

        var result = await ingest.IngestAsync(AlertmanagerWebhook.Parse(Fixtures.Read("alertmanager-webhook-firing.json")), "service", CancellationToken.None);

        var incident = Assert.Single(bot.State.OpenIncidents);
        Assert.Equal(["streaming"], result.Services);
        Assert.Equal(["DiskFilling"], result.Unmatched);
        Assert.True(incident.Automatic);
        Assert.Equal("Streaming is unavailable", incident.Title);
        Assert.Equal("Streaming: alert StreamingErrorRate firing: 5xx ratio above 20% on the TV device API", Assert.Single(incident.Notes).Text);
        Assert.Equal(ServiceStatus.MajorOutage, bot.State.Services["streaming"].Status);
    }

    [Fact]
    public async Task Resolved_AfterFiring_ResolvesTheAutomaticIncident()
    {
        await using var bot = await TestBot.StartAsync();
        var ingest = new AlertmanagerIngest(bot.Board, _policy, bot.Time);
        await ingest.IngestAsync(AlertmanagerWebhook.Parse(Fixtures.Read("alertmanager-webhook-firing.json")), "service", CancellationToken.None);

        bot.Advance(TimeSpan.FromHours(6));
        await ingest.IngestAsync(AlertmanagerWebhook.Parse(Fixtures.Read("alertmanager-webhook-resolved.json")), "service", CancellationToken.None);

        Assert.Empty(bot.State.OpenIncidents);
        Assert.Equal(ServiceStatus.Operational, bot.State.Services["streaming"].Status);
    }

    [Fact]
    public async Task Resolved_AfterAHumanUpdate_LeavesTheIncidentToThePeople()
    {
        await using var bot = await TestBot.StartAsync();
        var ingest = new AlertmanagerIngest(bot.Board, _policy, bot.Time);
        await ingest.IngestAsync(AlertmanagerWebhook.Parse(Fixtures.Read("alertmanager-webhook-firing.json")), "service", CancellationToken.None);
        await bot.RunAsync("incident update INC-1 identified Load balancers in us-east-1");

        await ingest.IngestAsync(AlertmanagerWebhook.Parse(Fixtures.Read("alertmanager-webhook-resolved.json")), "service", CancellationToken.None);

        Assert.Single(bot.State.OpenIncidents);
    }

    [Fact]
    public async Task Firing_DuringAnExpectedDownMaintenance_OpensNothing()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("maintenance schedule streaming in:1m 2h Player upgrade");
        bot.Advance(TimeSpan.FromMinutes(5));
        var ingest = new AlertmanagerIngest(bot.Board, _policy, bot.Time);

        await ingest.IngestAsync(AlertmanagerWebhook.Parse(Fixtures.Read("alertmanager-webhook-firing.json")), "service", CancellationToken.None);

        Assert.Empty(bot.State.OpenIncidents);
    }

    [Fact]
    public async Task Firing_TwoWarningsOnAnAliasLabel_OpenOneDegradedIncident()
    {
        await using var bot = await TestBot.StartAsync();
        var ingest = new AlertmanagerIngest(bot.Board, _policy, bot.Time);
        var json = """
            {"version":"4","status":"firing","alerts":[
              {"status":"firing","labels":{"alertname":"SlowStarts","component":"video","severity":"warning"},"annotations":{}},
              {"status":"firing","labels":{"alertname":"Rebuffering","component":"playback","severity":"warning"},"annotations":{}}]}
            """;

        var result = await ingest.IngestAsync(AlertmanagerWebhook.Parse(json), "component", CancellationToken.None);

        var incident = Assert.Single(bot.State.OpenIncidents);
        Assert.Equal(["streaming"], result.Services);
        Assert.Equal(ServiceStatus.DegradedPerformance, bot.State.Services["streaming"].Status);
        Assert.Equal(Impact.Minor, incident.Impact);
    }
}
