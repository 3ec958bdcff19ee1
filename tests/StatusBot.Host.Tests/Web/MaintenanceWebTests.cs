using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using StatusBot.Monitoring;

namespace StatusBot.Host.Tests.Web;

/// <summary>
/// The serve fixture's outage plus three maintenance windows, scheduled through the real chat commands at 21:20 UTC:
/// MNT-1 (API, 21:21–21:51) is running once the clock has moved two minutes, MNT-2 (Billing, tomorrow 02:00–04:00) is
/// upcoming, and MNT-3 (Sign-in) was cancelled.
/// </summary>
public sealed class MaintenanceServeFixture : ServeFixture, IAsyncLifetime
{
    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        await RunAsync("maintenance schedule api +1m 30m Database failover drill");
        await RunAsync("maintenance schedule billing tomorrow@02:00 2h Card processor upgrade");
        await RunAsync("maintenance schedule sign-in +3h 1h Old window");
        Time.Advance(TimeSpan.FromMinutes(2));
        await RunAsync("maintenance cancel MNT-3");
    }
}

public sealed class MaintenanceWebTests(MaintenanceServeFixture serve) : IClassFixture<MaintenanceServeFixture>
{
    private static readonly JsonElement Fixture =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "fixtures", "statuspage-scheduled-maintenances.json"))).RootElement;

    [Fact]
    public async Task ScheduledMaintenances_EveryObject_HasStatuspagesKeys()
    {
        var body = await GetJsonAsync("/api/v2/scheduled-maintenances.json");

        var expected = Fixture.GetProperty("scheduled_maintenances")[0];
        Assert.Equal(Keys(Fixture), Keys(body));
        Assert.Equal(Keys(Fixture.GetProperty("page")), Keys(body.GetProperty("page")));
        var maintenances = body.GetProperty("scheduled_maintenances").EnumerateArray().ToList();
        Assert.Equal(3, maintenances.Count);
        Assert.All(maintenances, m =>
        {
            Assert.Equal(Keys(expected), Keys(m));
            Assert.All(m.GetProperty("incident_updates").EnumerateArray(), u => Assert.Equal(Keys(expected.GetProperty("incident_updates")[0]), Keys(u)));
            // Statuspage has sent start_date on every component since this capture was made.
            Assert.All(m.GetProperty("components").EnumerateArray(), c => Assert.Equal(Keys(expected.GetProperty("components")[0]).Append("start_date").Order(StringComparer.Ordinal), Keys(c)));
            Assert.Equal("maintenance", m.GetProperty("impact").GetString());
        });
    }

    [Fact]
    public async Task ScheduledMaintenances_LatestStartFirst_WithStatuspagesStatusWords()
    {
        var body = await GetJsonAsync("/api/v2/scheduled-maintenances.json");

        var maintenances = body.GetProperty("scheduled_maintenances").EnumerateArray().ToList();
        Assert.Equal(["MNT-2", "MNT-3", "MNT-1"], maintenances.Select(m => m.GetProperty("id").GetString()));
        Assert.Equal(["scheduled", "completed", "in_progress"], maintenances.Select(m => m.GetProperty("status").GetString()));
        Assert.Equal("2012-12-25T02:00:00.000Z", maintenances[0].GetProperty("scheduled_for").GetString());
        Assert.Equal("2012-12-25T04:00:00.000Z", maintenances[0].GetProperty("scheduled_until").GetString());
        Assert.Equal("billing", maintenances[0].GetProperty("components")[0].GetProperty("id").GetString());
        var cancelled = maintenances[1];
        Assert.Equal("The scheduled maintenance has been cancelled.", cancelled.GetProperty("incident_updates")[0].GetProperty("body").GetString());
        Assert.NotEqual(JsonValueKind.Null, cancelled.GetProperty("resolved_at").ValueKind);
        var running = maintenances[2];
        Assert.Equal(["in_progress", "scheduled"], running.GetProperty("incident_updates").EnumerateArray().Select(u => u.GetProperty("status").GetString()));
        Assert.Equal(JsonValueKind.Null, running.GetProperty("resolved_at").ValueKind);
        Assert.EndsWith("/incidents/MNT-1", running.GetProperty("shortlink").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpcomingActiveAndSummary_SplitTheWindowsAsStatuspageDoes()
    {
        var upcoming = await GetJsonAsync("/api/v2/scheduled-maintenances/upcoming.json");
        var active = await GetJsonAsync("/api/v2/scheduled-maintenances/active.json");
        var summary = await GetJsonAsync("/api/v2/summary.json");

        Assert.Equal(["page", "scheduled_maintenances"], upcoming.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["MNT-2"], Ids(upcoming));
        Assert.Equal(["MNT-1"], Ids(active));
        Assert.Equal(["MNT-1", "MNT-2"], Ids(summary));
        Assert.Equal(Keys(Fixture.GetProperty("scheduled_maintenances")[0]), Keys(summary.GetProperty("scheduled_maintenances")[0]));
    }

    [Fact]
    public async Task OwnSummaryWithMaintenances_StillParsesAsAnUpstream()
    {
        var summary = StatuspageSummary.Parse(await serve.Client.GetStringAsync("/api/v2/summary.json"));

        Assert.Equal("critical", summary.Indicator);
        Assert.Equal("identified", summary.IncidentStatus);
    }

    [Fact]
    public async Task Home_ShowsRunningAndUpcomingWindows_NotTheCancelledOne()
    {
        var html = await serve.Client.GetStringAsync("/?lang=en");

        var section = PageText.WithoutTimeTags(Section(html, "maintenance"));
        Assert.Contains("MNT-1 · Database failover drill", section, StringComparison.Ordinal);
        Assert.Contains("In progress, ends 21:51 UTC (", section, StringComparison.Ordinal);
        Assert.Contains("MNT-2 · Card processor upgrade", section, StringComparison.Ordinal);
        Assert.Contains("Starts Dec 25, 02:00 UTC (", section, StringComparison.Ordinal);
        Assert.Contains("Services: Billing", section, StringComparison.Ordinal);
        Assert.Contains("href=\"/incidents/MNT-2?lang=en\"", section, StringComparison.Ordinal);
        Assert.DoesNotContain("Old window", section, StringComparison.Ordinal);
        Assert.DoesNotContain("No maintenance scheduled", section, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_French_SaysMaintenanceInFrench()
    {
        var html = await serve.Client.GetStringAsync("/?lang=fr");

        var section = PageText.WithoutTimeTags(Section(html, "maintenance"));
        Assert.Contains("En cours, se termine 21:51 UTC (", section, StringComparison.Ordinal);
        Assert.Contains("Commence 25 déc. 02:00 UTC (", section, StringComparison.Ordinal);
        Assert.Contains("Services : Billing", section, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MaintenancePage_ShowsTheWindowAndItsSteps_CancelledToo()
    {
        var running = PageText.WithoutTimeTags(await serve.Client.GetStringAsync("/incidents/mnt-1"));
        var cancelled = PageText.WithoutTimeTags(await serve.Client.GetStringAsync("/incidents/MNT-3?lang=fr"));
        using var missing = await serve.Client.GetAsync("/incidents/MNT-99");

        Assert.Contains("<h2 id=\"incident\">MNT-1 · Database failover drill</h2>", running, StringComparison.Ordinal);
        Assert.Contains("Maintenance in progress: Database failover drill", running, StringComparison.Ordinal);
        Assert.Contains("MNT-1 scheduled · Database failover drill", running, StringComparison.Ordinal);
        Assert.Contains("21:21 UTC → 21:51 UTC", running, StringComparison.Ordinal);
        Assert.Contains("location.reload()", running, StringComparison.Ordinal);
        Assert.Contains("Maintenance annulée : Old window", cancelled, StringComparison.Ordinal);
        Assert.Contains("Annulée 21:22 UTC", cancelled, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Feed_CarriesMaintenanceAnnouncements()
    {
        var feed = XDocument.Parse(await serve.Client.GetStringAsync("/feed.atom"));
        XNamespace atom = "http://www.w3.org/2005/Atom";

        var entries = feed.Root!.Elements(atom + "entry").ToList();
        var ids = entries.Select(e => e.Element(atom + "id")!.Value).ToList();

        Assert.Equal(4 + 5, entries.Count);
        Assert.Contains(ids, id => id.EndsWith("/incidents/MNT-1#inprogress", StringComparison.Ordinal));
        Assert.Contains(ids, id => id.EndsWith("/incidents/MNT-3#cancelled", StringComparison.Ordinal));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var planned = entries.Single(e => e.Element(atom + "id")!.Value.EndsWith("/incidents/MNT-2#scheduled", StringComparison.Ordinal));
        Assert.Equal("MNT-2 scheduled · Card processor upgrade", planned.Element(atom + "title")!.Value);
        Assert.Equal("Dec 25, 02:00 UTC → 04:00 UTC · Services: Billing", planned.Element(atom + "content")!.Value);
    }

    [Fact]
    public async Task Feed_French_SpeaksFrench()
    {
        var feed = XDocument.Parse(await serve.Client.GetStringAsync("/feed.atom?lang=fr"));
        XNamespace atom = "http://www.w3.org/2005/Atom";

        var titles = feed.Root!.Elements(atom + "entry").Select(e => e.Element(atom + "title")!.Value).ToList();

        Assert.Equal("fr", feed.Root.Attribute(XNamespace.Xml + "lang")?.Value);
        Assert.Contains("Maintenance annulée : Old window", titles);
        Assert.Contains("MNT-2 planifiée · Card processor upgrade", titles);
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await serve.Client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static IEnumerable<string?> Ids(JsonElement body) =>
        body.GetProperty("scheduled_maintenances").EnumerateArray().Select(m => m.GetProperty("id").GetString());

    private static string[] Keys(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    /// <summary>The page's section labelled by the heading <paramref name="id"/>.</summary>
    private static string Section(string html, string id)
    {
        var start = html.IndexOf($"<section aria-labelledby=\"{id}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {id}");
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }
}
