using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StatusBot.Core.Board;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Testing;

namespace StatusBot.Host.Tests.Web;

public sealed class AdminApiTests(AdminServeFixture serve) : IClassFixture<AdminServeFixture>
{
    private StatusBoard Board => serve.Services.GetRequiredService<StatusBoard>();

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    [InlineData("Basic czNjcmV0LWFkbWluLXRva2Vu")]
    public async Task Post_WithoutTheToken_Is401AndChangesNothing(string? authorization)
    {
        var before = Board.Current.Sequence;
        using var request = Request(HttpMethod.Post, "/api/admin/incidents", """{"services":["api"],"impact":"minor","title":"Nope"}""", token: null);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await serve.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, Board.Current.Sequence);
    }

    [Fact]
    public async Task OpenUpdateResolve_AreDurableAndRecordTheTokenName()
    {
        using var opened = await serve.Client.SendAsync(Request(HttpMethod.Post, "/api/admin/incidents",
            """{"services":["billing"],"impact":"major","title":"Card payments fail","segments":["EU"],"users":1200}"""));
        var id = JsonDocument.Parse(await opened.Content.ReadAsStringAsync()).RootElement.GetProperty("incidentId").GetString()!;
        using var updated = await serve.Client.SendAsync(Request(HttpMethod.Post, $"/api/admin/incidents/{id}/updates", """{"status":"identified","message":"Processor outage"}"""));
        using var resolved = await serve.Client.SendAsync(Request(HttpMethod.Post, $"/api/admin/incidents/{id}/resolve", """{"message":"Payments flow again"}"""));

        var incident = Board.Current.Incidents[id];

        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.Equal(IncidentStatus.Resolved, incident.Status);
        Assert.All(incident.Timeline, t => Assert.Equal(new Actor("api", "deploy-pipeline", "deploy-pipeline"), t.Author));
        Assert.Equal(ServiceStatus.Operational, Board.Current.Services["billing"].Status);
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("""{"services":["nope"],"impact":"minor","title":"x"}""", "no service called 'nope'")]
    [InlineData("""{"services":["api"],"impact":"apocalyptic","title":"x"}""", "not a valid impact")]
    [InlineData("""{"services":["api"],"impact":"minor"}""", "Missing <title>")]
    public async Task Post_BadInput_Is400ProblemAndChangesNothing(string body, string expected)
    {
        var before = Board.Current.Sequence;

        using var response = await serve.Client.SendAsync(Request(HttpMethod.Post, "/api/admin/incidents", body));
        var problem = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
        Assert.Equal(before, Board.Current.Sequence);
    }

    [Fact]
    public async Task Post_OversizedBody_Is413()
    {
        var before = Board.Current.Sequence;
        var body = $$"""{"services":["api"],"impact":"minor","title":"{{new string('x', 20_000)}}"}""";

        using var response = await serve.Client.SendAsync(Request(HttpMethod.Post, "/api/admin/incidents", body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(before, Board.Current.Sequence);
    }

    [Fact]
    public async Task Update_UnknownIncident_Is404()
    {
        using var response = await serve.Client.SendAsync(Request(HttpMethod.Post, "/api/admin/incidents/INC-4040/updates", """{"status":"identified","message":"x"}"""));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ServiceStatus_SetsItAndOpenApiDescribesTheRoutes()
    {
        using var response = await serve.Client.SendAsync(Request(HttpMethod.Put, "/api/admin/services/sign-in/status", """{"status":"degraded","note":"Slow logins"}"""));
        var openApi = await serve.Client.GetStringAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ServiceStatus.DegradedPerformance, Board.Current.Services["sign-in"].Status);
        Assert.Contains("/api/admin/incidents/{id}/updates", openApi, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_CarryTheServersOwnTimeInServerTiming_OtherRoutesDoNot()
    {
        using var changed = await serve.Client.SendAsync(Request(HttpMethod.Put, "/api/admin/services/api/status", """{"status":"degraded","note":"Slow"}"""));
        using var refused = await serve.Client.SendAsync(Request(HttpMethod.Put, "/api/admin/services/api/status", "{not json"));
        using var health = await serve.Client.GetAsync(new Uri("/healthz", UriKind.Relative));

        foreach (var answer in new[] { changed, refused })
        {
            var timing = Assert.Single(answer.Headers.GetValues("Server-Timing"));
            var match = System.Text.RegularExpressions.Regex.Match(timing, @"^app;dur=(\d+(?:\.\d{1,3})?)$");
            Assert.True(match.Success, timing);
            Assert.InRange(double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 0, 60_000);
        }

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(ServiceStatus.DegradedPerformance, Board.Current.Services["api"].Status);
        Assert.False(health.Headers.Contains("Server-Timing"));
    }

    [Fact]
    public async Task Maintenance_ScheduleThenCancel_ChangeTheBoardAndAnswer201Then200()
    {
        using var scheduled = await serve.Client.SendAsync(Request(HttpMethod.Post, "/api/admin/maintenances",
            """{"services":["billing"],"start":"tomorrow@02:00","duration":"2h","title":"Card processor upgrade"}"""));
        var body = JsonDocument.Parse(await scheduled.Content.ReadAsStringAsync()).RootElement;
        var id = body.GetProperty("maintenanceId").GetString()!;
        var window = Board.Current.Announcements.Maintenances[id];
        using var cancelled = await serve.Client.SendAsync(Request(HttpMethod.Post, $"/api/admin/maintenances/{id}/cancel", "{}"));

        Assert.Equal(HttpStatusCode.Created, scheduled.StatusCode);
        Assert.Equal(["billing"], window.Services.ToArray());
        Assert.Equal(TimeSpan.FromHours(2), window.End - window.Start);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.True(Board.Current.Announcements.Maintenances[id].Cancelled);
    }

    [Theory]
    [InlineData("""{"services":["billing"],"start":"someday","duration":"2h","title":"x"}""", "someday")]
    [InlineData("""{"services":["billing"],"start":"in:1h","duration":"9d","title":"x"}""", "9d")]
    [InlineData("""{"services":["nope"],"start":"in:1h","duration":"1h","title":"x"}""", "no service called 'nope'")]
    public async Task Maintenance_BadInput_Is400ProblemAndChangesNothing(string json, string expected)
    {
        var before = Board.Current.Sequence;

        using var response = await serve.Client.SendAsync(Request(HttpMethod.Post, "/api/admin/maintenances", json));
        var problem = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
        Assert.Equal(before, Board.Current.Sequence);
    }

    [Fact]
    public async Task Maintenance_CancelUnknown_Is404()
    {
        using var response = await serve.Client.SendAsync(Request(HttpMethod.Post, "/api/admin/maintenances/MNT-404/cancel", "{}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GetIncident_ShowsAnAutomaticIncidentsInternalNotes_OnlyWithTheToken()
    {
        var at = TestBot.Start;
        var id = IncidentIds.Format(Board.Current.NextIncidentNumber);
        await Board.ExecuteAsync(
            _ => Decision.Apply(
                new IncidentOpened(Actor.System, at, id, "Sign-in is unavailable", Impact.Major, [new AffectedService("sign-in", ServiceStatus.MajorOutage)], [], null, null, at, null, null, true),
                new IncidentNoteAdded(Actor.System, at, id, "Sign-in: HTTP 503 in 4 ms")),
            CancellationToken.None);

        using var shown = await serve.Client.SendAsync(Request(HttpMethod.Get, $"/api/admin/incidents/{id}", ""));
        using var anonymous = await serve.Client.SendAsync(Request(HttpMethod.Get, $"/api/admin/incidents/{id}", "", token: null));
        using var unknown = await serve.Client.SendAsync(Request(HttpMethod.Get, "/api/admin/incidents/INC-99999", ""));

        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        var lines = JsonDocument.Parse(await shown.Content.ReadAsStringAsync()).RootElement.GetProperty("lines").EnumerateArray().Select(l => l.GetString()).ToList();
        Assert.Contains("Internal notes (admins only)", lines);
        Assert.Contains(lines, l => l!.EndsWith("Sign-in: HTTP 503 in 4 ms", StringComparison.Ordinal));
        Assert.Contains(lines, l => l!.EndsWith("20:30 UTC · Sign-in: HTTP 503 in 4 ms", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.DoesNotContain('\uE000', l!));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string body, string? token = AdminServeFixture.Token)
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }
}
