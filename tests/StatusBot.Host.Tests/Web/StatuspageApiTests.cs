using System.Text.Json;

namespace StatusBot.Host.Tests.Web;

public sealed class StatuspageApiTests(ServeFixture serve) : IClassFixture<ServeFixture>
{
    private static readonly JsonElement Fixture = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "fixtures", "statuspage-summary-major-outage.json"))).RootElement;

    [Fact]
    public async Task Summary_EveryObject_HasStatuspagesKeys()
    {
        var summary = await GetAsync("/api/v2/summary.json");

        Assert.Equal(Keys(Fixture), Keys(summary));
        Assert.Equal(Keys(Fixture.GetProperty("page")), Keys(summary.GetProperty("page")));
        Assert.Equal(Keys(Fixture.GetProperty("status")), Keys(summary.GetProperty("status")));
        // Statuspage has sent start_date on every component since this capture was made.
        string[] fixtureComponent = [.. Keys(Fixture.GetProperty("components")[0]).Append("start_date").Order(StringComparer.Ordinal)];
        Assert.All(summary.GetProperty("components").EnumerateArray().Where(c => !c.GetProperty("group").GetBoolean()), c => Assert.Equal(fixtureComponent, Keys(c)));
        var incident = summary.GetProperty("incidents")[0];
        Assert.Equal(Keys(Fixture.GetProperty("incidents")[0]), Keys(incident));
        Assert.Equal(Keys(Fixture.GetProperty("incidents")[0].GetProperty("incident_updates")[0]), Keys(incident.GetProperty("incident_updates")[0]));
    }

    [Fact]
    public async Task Summary_DuringCriticalIncident_ReportsItTheStatuspageWay()
    {
        var summary = await GetAsync("/api/v2/summary.json");

        Assert.Equal("critical", summary.GetProperty("status").GetProperty("indicator").GetString());
        var incident = Assert.Single(summary.GetProperty("incidents").EnumerateArray());
        Assert.Equal("INC-1", incident.GetProperty("id").GetString());
        Assert.Equal("identified", incident.GetProperty("status").GetString());
        Assert.Equal("critical", incident.GetProperty("impact").GetString());
        Assert.Equal("Load balancers in us-east-1 are failing", incident.GetProperty("incident_updates")[0].GetProperty("body").GetString());
        var streaming = summary.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "streaming");
        Assert.Equal("major_outage", streaming.GetProperty("status").GetString());
        var watchGroup = summary.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "Watch");
        Assert.True(watchGroup.GetProperty("group").GetBoolean());
        Assert.Equal("streaming", watchGroup.GetProperty("components")[0].GetString());
    }

    [Fact]
    public async Task IncidentsAndUnresolved_ListNewestFirstAndOpenOnly()
    {
        var all = await GetAsync("/api/v2/incidents.json");
        var open = await GetAsync("/api/v2/incidents/unresolved.json");

        Assert.Equal(["INC-2", "INC-1"], all.GetProperty("incidents").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.Equal("resolved", all.GetProperty("incidents")[0].GetProperty("status").GetString());
        Assert.Equal(["INC-1"], open.GetProperty("incidents").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
    }

    [Theory]
    [InlineData("/api/v2/status.json", "status")]
    [InlineData("/api/v2/components.json", "components")]
    [InlineData("/api/v2/scheduled-maintenances.json", "scheduled_maintenances")]
    public async Task SmallerEndpoints_HaveThePageAndTheirPart(string path, string part)
    {
        var body = await GetAsync(path);

        Assert.Equal(["page", part], body.EnumerateObject().Select(p => p.Name));
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        using var response = await serve.Client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static string[] Keys(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
}
