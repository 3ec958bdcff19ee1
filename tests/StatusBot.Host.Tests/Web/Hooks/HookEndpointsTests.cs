using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StatusBot.Core.Board;
using StatusBot.Core.Domain;
using StatusBot.Testing;

namespace StatusBot.Host.Tests.Web.Hooks;

public sealed class HookEndpointsTests(HooksServeFixture serve) : IClassFixture<HooksServeFixture>
{
    private StatusBoard Board => serve.Services.GetRequiredService<StatusBoard>();

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    [InlineData("Bearer sp-7b1e44aa")]
    [InlineData("Basic YW0tMGY1YzJkOWU=")]
    public async Task Alertmanager_WithoutItsToken_Is401AndChangesNothing(string? authorization)
    {
        var before = Board.Current.Sequence;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/alertmanager") { Content = Json(Firing("sign-in")) };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await serve.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, Board.Current.Sequence);
    }

    [Theory]
    [InlineData("{\"version\":\"4\",", "not JSON")]
    [InlineData("{\"version\":\"4\",\"status\":\"firing\",\"alerts\":{}}", "alerts must be an array")]
    public async Task Alertmanager_Malformed_Is400WithTheReasonAndChangesNothing(string body, string reason)
    {
        var before = Board.Current.Sequence;

        using var response = await serve.Client.SendAsync(Alertmanager(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, Board.Current.Sequence);
    }

    [Fact]
    public async Task Alertmanager_BodyOverTheLimit_Is413AndChangesNothing()
    {
        var before = Board.Current.Sequence;

        using var response = await serve.Client.SendAsync(Alertmanager(new string(' ', 300 * 1024) + Firing("sign-in")));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(before, Board.Current.Sequence);
    }

    [Fact]
    public async Task Alertmanager_FiringThenResolved_OpensThenResolvesTheIncident()
    {
        using var firing = await serve.Client.SendAsync(Alertmanager(Firing("sign-in")));
        var body = JsonDocument.Parse(await firing.Content.ReadAsStringAsync()).RootElement;
        var opened = Board.Current.OpenIncidentsFor("sign-in").Single();
        serve.Time.Advance(TimeSpan.FromMinutes(20));
        using var resolved = await serve.Client.SendAsync(Alertmanager(Firing("sign-in").Replace("\"firing\"", "\"resolved\"", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.OK, firing.StatusCode);
        Assert.Equal("sign-in", body.GetProperty("services")[0].GetString());
        Assert.Equal("DiskFilling", body.GetProperty("unmatched")[0].GetString());
        Assert.True(opened.Automatic);
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.Equal(IncidentStatus.Resolved, Board.Current.Incidents[opened.Id].Status);
        Assert.Equal(ServiceStatus.Operational, Board.Current.Services["sign-in"].Status);
    }

    [Theory]
    [InlineData("/hooks/statuspage")]
    [InlineData("/hooks/statuspage?token=wrong")]
    [InlineData("/hooks/statuspage/wrong")]
    [InlineData("/hooks/statuspage?token=am-0f5c2d9e")]
    public async Task Statuspage_WithoutTheUpstreamToken_Is401AndChangesNothing(string path)
    {
        var before = Board.Current.Sequence;

        using var response = await serve.Client.PostAsync(path, Json(HooksServeFixture.Fixture("statuspage-webhook-incident.json")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, Board.Current.Sequence);
    }

    [Fact]
    public async Task Statuspage_Malformed_Is400AndChangesNothing()
    {
        var before = Board.Current.Sequence;

        using var response = await serve.Client.PostAsync($"/hooks/statuspage?token={HooksServeFixture.StatuspageToken}", Json("""{"page":{"status_indicator":"major"}}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("neither a component nor an incident", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, Board.Current.Sequence);
    }

    [Fact]
    public async Task Statuspage_TokenInQueryOrPath_RecordsTheUpstreamIncident()
    {
        using var viaQuery = await serve.Client.PostAsync($"/hooks/statuspage?token={HooksServeFixture.StatuspageToken}", Json(HooksServeFixture.Fixture("statuspage-webhook-component-update.json")));
        using var viaPath = await serve.Client.PostAsync($"/hooks/statuspage/{HooksServeFixture.StatuspageToken}", Json(HooksServeFixture.Fixture("statuspage-webhook-incident.json")));

        var report = Board.Current.Announcements.Upstreams[DemoCatalog.ElbId];
        Assert.Equal(HttpStatusCode.OK, viaQuery.StatusCode);
        Assert.Equal(HttpStatusCode.OK, viaPath.StatusCode);
        Assert.Equal(DemoCatalog.ElbId, JsonDocument.Parse(await viaPath.Content.ReadAsStringAsync()).RootElement.GetProperty("upstream").GetString());
        Assert.Equal("Elevated load balancer errors in US East", report.IncidentName);
        Assert.Equal("identified", report.IncidentStatus);
    }

    private static string Firing(string service) =>
        HooksServeFixture.Fixture("alertmanager-webhook-firing.json").Replace("\"service\": \"streaming\"", $"\"service\": \"{service}\"", StringComparison.Ordinal);

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static HttpRequestMessage Alertmanager(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/alertmanager") { Content = Json(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HooksServeFixture.AlertmanagerToken);
        return request;
    }

    [Fact]
    public async Task Home_AlertmanagerConfigured_EveryServiceShowsItsUptime()
    {
        var html = await serve.Client.GetStringAsync("/");

        Assert.Contains("uptime since monitoring began", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Not monitored", html, StringComparison.Ordinal);
    }
}
