using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StatusBot.Load.Tests;

/// <summary>
/// The load generator's open-loop runner against a real loopback Kestrel: what it counts as answered, refused and failed,
/// and that a stall of the server is counted from each request's scheduled time, not hidden by the generator waiting.
/// </summary>
public sealed class LoadRunnerTests
{
    [Fact]
    public async Task RunAsync_AnswersAndExpectedRefusals_AreCountedApart()
    {
        // Bodies that say "bad" get 401, as a wrong signature does.
        await using var server = await StartAsync(async context =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            context.Response.StatusCode = body.Contains("bad", StringComparison.Ordinal) ? 401 : 200;
            await context.Response.WriteAsync(body.Contains("bad", StringComparison.Ordinal) ? "" : "answer");
        });
        var schedule = OpenLoopSchedule.Steady(200, TimeSpan.FromMilliseconds(500));
        var requests = Enumerable.Range(0, (int)schedule.Count).Select(i => Request(server.Url, i % 10 == 9 ? "bad" : "good", badSignature: i % 10 == 9)).ToArray();

        var result = await new LoadRunner(4, TimeSpan.FromSeconds(10), settle: true).RunAsync(schedule, requests);

        Assert.Equal(100, result.Sent);
        Assert.Equal(90, result.Answered);
        Assert.Equal(10, result.RefusedAsExpected);
        Assert.Equal("0", result.ErrorSummary);
        Assert.Equal(90, result.Latency.Count);
        Assert.Equal(90, result.ServiceTime.Count);
        Assert.Equal(100, result.SendLag.Count);
        // Open loop: the run lasts as long as its schedule, whatever the server does.
        Assert.True(result.Elapsed >= TimeSpan.FromMilliseconds(495), $"the run took {result.Elapsed}");
        Assert.True(result.GeneratorCpu > TimeSpan.Zero);
        Assert.True(result.GeneratorMicrosecondsPerRequest > 0);
    }

    [Fact]
    public async Task RunAsync_WrongAnswers_AreErrorsByKind()
    {
        // A bad signature answered 200 is a security failure, a 503 an error, a 200 with no body an empty answer.
        await using var server = await StartAsync(async context =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            context.Response.StatusCode = body == "busy" ? 503 : 200;
            await context.Response.WriteAsync(body == "empty" ? "" : "answer");
        });
        PreparedRequest[] requests = [Request(server.Url, "bad", badSignature: true), Request(server.Url, "busy"), Request(server.Url, "empty"), Request(server.Url, "fine")];

        var result = await new LoadRunner(1, TimeSpan.FromSeconds(10)).RunAsync(OpenLoopSchedule.Steady(100, TimeSpan.FromMilliseconds(40)), requests);

        Assert.Equal(1, result.Answered);
        Assert.Equal(0, result.RefusedAsExpected);
        Assert.Equal("bad signature answered 200: 1, empty answer: 1, http 503: 1", result.ErrorSummary);
    }

    [Fact]
    public async Task RunAsync_AServerStall_CountsForEveryRequestScheduledDuringIt()
    {
        // One connection; request #5 takes 300 ms. The requests due while it stalls wait for the connection, and their
        // latency runs from when they were due: a closed-loop generator would have sent them late and shown them fast.
        await using var server = await StartAsync(async context =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            if (body == "5")
            {
                await Task.Delay(300);
            }

            await context.Response.WriteAsync("answer");
        });
        var schedule = OpenLoopSchedule.Steady(100, TimeSpan.FromMilliseconds(200));
        var requests = Enumerable.Range(0, (int)schedule.Count).Select(i => Request(server.Url, i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();

        var result = await new LoadRunner(1, TimeSpan.FromSeconds(10)).RunAsync(schedule, requests);

        Assert.Equal(20, result.Answered);
        // Request #6 was due 10 ms after #5 and could leave only when #5 was answered, about 290 ms late.
        Assert.True(result.SendLag.Max >= 250, $"largest send lag {result.SendLag.Max} ms");
        Assert.True(result.Latency.Max >= 295, $"slowest answer {result.Latency.Max} ms from its scheduled time");
        // From the actual send, only #5 itself was slow.
        Assert.True(result.ServiceTime.Percentile(90) < 250, $"p90 from the actual send {result.ServiceTime.Percentile(90)} ms");
        Assert.True(result.Latency.Percentile(50) >= 100, $"median {result.Latency.Percentile(50)} ms: the stall must count for the requests queued behind it");
    }

    [Fact]
    public void Median_OddAndEvenCounts()
    {
        Assert.Equal(3, Report.Median([5, 1, 3]));
        Assert.Equal(2.5, Report.Median([4, 1, 3, 2]));
        Assert.True(double.IsNaN(Report.Median([])));
    }

    [Fact]
    public void HeaderWith_AddsAColumnToBothLines()
    {
        var lines = Report.HeaderWith("round").Split('\n');

        Assert.StartsWith("| round | scenario |", lines[0], StringComparison.Ordinal);
        Assert.Equal(lines[0].Count(c => c == '|'), lines[1].Count(c => c == '|'));
        Assert.Equal(Report.Header.Split('\n')[1].Count(c => c == '|') + 1, lines[1].Count(c => c == '|'));
    }

    private static PreparedRequest Request(Uri url, string body, bool badSignature = false) =>
        new("slack", url, Encoding.UTF8.GetBytes(body), "text/plain", [], badSignature);

    private static async Task<LoopbackServer> StartAsync(RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new LoopbackServer(app, new Uri(new Uri(address), "/run"));
    }

    private sealed record LoopbackServer(WebApplication App, Uri Url) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }
}
