using System.Net;
using System.Net.Http.Headers;
using StatusBot.Testing;

namespace StatusBot.Monitoring.Tests;

public sealed class StatuspagePollerTests
{
    [Fact]
    public async Task Poll_RecordsAChange_ThenSendsTheETag_And304RecordsNothing()
    {
        await using var bot = await TestBot.StartAsync();
        var handler = new Feed(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "statuspage-summary-major-outage.json")));
        var poller = new StatuspagePoller(new HttpClient(handler), bot.Board, bot.Time);
        var upstream = DemoCatalog.Upstreams[0] with { Components = ["Git Operations"] };
        var url = new Uri("http://127.0.0.1:1/api/v2/summary.json");

        var first = await poller.PollAsync(upstream, url, CancellationToken.None);
        var second = await poller.PollAsync(upstream, url, CancellationToken.None);

        Assert.True(first);
        Assert.False(second);
        Assert.Equal("\"v1\"", handler.LastIfNoneMatch);
        var report = bot.State.Announcements.Upstreams[upstream.Id];
        Assert.Equal("critical", report.Indicator);
        Assert.Equal("Incident on 2020-04-02 20:20 UTC", report.IncidentName);
    }

    /// <summary>Serves the summary with an ETag, and 304 when asked with it.</summary>
    private sealed class Feed(string body) : HttpMessageHandler
    {
        public string? LastIfNoneMatch { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            LastIfNoneMatch = request.Headers.IfNoneMatch.FirstOrDefault()?.Tag;
            if (LastIfNoneMatch == "\"v1\"")
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotModified));
            }

            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body) };
            response.Headers.ETag = new EntityTagHeaderValue("\"v1\"");
            return Task.FromResult(response);
        }
    }
}
