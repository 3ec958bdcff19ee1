using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using StatusBot.Announcing;
using StatusBot.Core.Board;
using StatusBot.Core.Text;
using StatusBot.Discord.Rendering;
using StatusBot.Host.Hosting;
using StatusBot.Monitoring;
using StatusBot.Slack.Rendering;
using StatusBot.Testing;

namespace StatusBot.Host.Tests.Web;

/// <summary>
/// What the probes and alerts saw (status codes, latencies, alert names, error text) is for admins: an automatic incident
/// shows none of it on the status page, its incident page, the feed, the Statuspage-compatible JSON, or the Slack and
/// Discord posts, while an admin's <c>incident show</c> still has it.
/// </summary>
public sealed class AutomaticIncidentSurfaceTests : IAsyncLifetime
{
    private static readonly string[] Internals = ["HTTP", "503", " ms", "HighErrorRate", "alert ", "health check", "connection failed", "timeout after"];

    private static readonly string[] PublicRoutes =
    [
        "/", "/incidents/INC-1", "/feed.atom", "/api/v2/summary.json", "/api/v2/status.json", "/api/v2/components.json",
        "/api/v2/incidents.json", "/api/v2/incidents/unresolved.json",
    ];

    private readonly string _data = Path.Combine(Path.GetTempPath(), "statusbot-surface-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(TestBot.Start);
    private WebApplication? _app;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _app = StatusBotWebApp.Create(
            new CliSettings(RepoPaths.DefaultConfig, _data, "http://127.0.0.1:0"),
            builder => builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(_time)));
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task AnAutomaticIncident_ShowsNoProbeOrAlertInternals_OnAnyPublicSurface()
    {
        var board = _app!.Services.GetRequiredService<StatusBoard>();
        var policy = new MonitoringPolicy(_ => new PolicyThresholds(FailureThreshold: 3, RecoveryThreshold: 2));
        var alerts = new AlertmanagerIngest(board, policy, _time);

        foreach (var detail in new[] { "HTTP 503 in 4 ms", "timeout after 5 s", "connection failed: ConnectionError" })
        {
            _time.Advance(TimeSpan.FromSeconds(30));
            await board.ExecuteAsync(s => Decision.Apply(policy.Decide(s, new Observation("streaming", ProbeOutcome.Down, _time.GetUtcNow(), detail))), CancellationToken.None);
        }

        _time.Advance(TimeSpan.FromSeconds(2));
        const string Firing = """{"version":"4","status":"firing","alerts":[{"status":"firing","labels":{"alertname":"HighErrorRate","service":"website"},"annotations":{},"startsAt":"2012-12-24T20:31:00Z"}]}""";
        await alerts.IngestAsync(AlertmanagerWebhook.Parse(Firing), "service", CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1));
        await board.ExecuteAsync(s => Decision.Apply(policy.Decide(s, new Observation("api", ProbeOutcome.Degraded, _time.GetUtcNow(), "HTTP 200 in 2400 ms", Conclusive: true))), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(20));
        await board.ExecuteAsync(s => Decision.Apply(policy.Decide(s, new Observation("api", ProbeOutcome.Up, _time.GetUtcNow(), "HTTP 200 in 41 ms", Conclusive: true))), CancellationToken.None);

        var incident = Assert.Single(board.Current.OpenIncidents);
        Assert.Equal("Streaming and Website are unavailable; API is slow", incident.Title);
        var surfaces = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var route in PublicRoutes)
        {
            surfaces[route] = await _client.GetStringAsync(route);
        }

        var renderer = _app.Services.GetRequiredService<AnnouncementRenderer>();
        foreach (var locale in new[] { "en", "fr" })
        {
            var l = Localizer.For(Locales.Resolve(locale));
            var now = _time.GetUtcNow();
            var posts = new[] { renderer.Card(incident, board.Current, l, now), renderer.Changes(incident, 0, incident.Timeline.Count, board.Current, l, now) };
            foreach (var (post, n) in posts.Select((p, n) => (p, n)))
            {
                surfaces[$"slack {locale} post {n}"] = System.Text.Json.JsonSerializer.Serialize(SlackRenderer.Render(post, showAdminActions: false));
                surfaces[$"discord {locale} post {n}"] = System.Text.Json.JsonSerializer.Serialize(DiscordRenderer.ToEmbed(post));
            }
        }

        Assert.All(surfaces, s => Assert.DoesNotContain(Internals, i => s.Value.Contains(i, StringComparison.Ordinal)));
        Assert.Contains("Streaming and Website are unavailable; API is slow", surfaces["/incidents/INC-1"], StringComparison.Ordinal);
        Assert.Contains("API is back; Streaming and Website are still affected", surfaces["/api/v2/incidents.json"], StringComparison.Ordinal);

        var admin = await _app.Services.GetRequiredService<StatusBot.Core.Chat.ChatPipeline>().RunAsync("incident show INC-1", TestBot.Admin());
        var notes = admin.Reply.ToPlainText();
        Assert.Contains("Streaming: connection failed: ConnectionError", notes, StringComparison.Ordinal);
        Assert.Contains("Website: alert HighErrorRate firing: HighErrorRate", notes, StringComparison.Ordinal);
        Assert.Contains("API: HTTP 200 in 2400 ms", notes, StringComparison.Ordinal);
    }
}
