using System.Net;
using Microsoft.Extensions.Time.Testing;
using StatusBot.Testing;

namespace StatusBot.Monitoring.Tests;

public sealed class HttpProbeTests
{
    [Theory]
    [InlineData(HttpStatusCode.OK, 0, ProbeOutcome.Up)]
    [InlineData(HttpStatusCode.OK, 900, ProbeOutcome.Degraded)]
    [InlineData(HttpStatusCode.ServiceUnavailable, 0, ProbeOutcome.Down)]
    public async Task Probe_StatusAndLatency_GiveTheOutcome(HttpStatusCode code, int latencyMs, ProbeOutcome expected)
    {
        var time = new FakeTimeProvider(TestBot.Start);
        var probe = new HttpProbe(new HttpClient(new Stub(time, code, TimeSpan.FromMilliseconds(latencyMs))), time);

        var observation = await probe.ProbeAsync("streaming", new ProbeOptions { Url = "http://127.0.0.1:1/health", DegradedLatencyMs = 500 }, CancellationToken.None);

        Assert.Equal(expected, observation.Outcome);
        Assert.StartsWith($"HTTP {(int)code}", observation.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_ExpectedStatusListed_AcceptsOnlyThose()
    {
        var time = new FakeTimeProvider(TestBot.Start);
        var probe = new HttpProbe(new HttpClient(new Stub(time, HttpStatusCode.OK, TimeSpan.Zero)), time);

        var observation = await probe.ProbeAsync("streaming", new ProbeOptions { Url = "http://127.0.0.1:1/", ExpectedStatus = [204] }, CancellationToken.None);

        Assert.Equal(ProbeOutcome.Down, observation.Outcome);
    }

    [Fact]
    public async Task Probe_ConnectionRefused_IsDown()
    {
        var probe = new HttpProbe(new HttpClient(), TimeProvider.System);

        var observation = await probe.ProbeAsync("streaming", new ProbeOptions { Url = "http://127.0.0.1:9/", TimeoutSeconds = 2 }, CancellationToken.None);

        Assert.Equal(ProbeOutcome.Down, observation.Outcome);
    }

    /// <summary>Answers with a status after advancing the fake clock by the latency.</summary>
    private sealed class Stub(FakeTimeProvider time, HttpStatusCode code, TimeSpan latency) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            time.Advance(latency);
            return Task.FromResult(new HttpResponseMessage(code));
        }
    }
}
