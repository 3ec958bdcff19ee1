using System.Net.Http.Headers;
using System.Text;

namespace StatusBot.Host.Tests.Web;

public sealed class MetricsTests(AdminServeFixture serve) : IClassFixture<AdminServeFixture>
{
    [Fact]
    public async Task Metrics_AfterCommandsAndRequests_ExportsThemInPrometheusFormat()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/admin/services/api/status")
        {
            Content = new StringContent("""{"status":"degraded"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminServeFixture.Token);
        (await serve.Client.SendAsync(request)).EnsureSuccessStatusCode();
        await serve.Client.GetStringAsync("/");

        var metrics = await serve.Client.GetStringAsync("/metrics");

        Assert.Contains("statusbot_commands_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("command=\"service set\"", metrics, StringComparison.Ordinal);
        Assert.Contains("statusbot_journal_fsync_duration_seconds_bucket", metrics, StringComparison.Ordinal);
        Assert.Contains("http_request_duration_seconds_bucket", metrics, StringComparison.Ordinal);
    }
}
