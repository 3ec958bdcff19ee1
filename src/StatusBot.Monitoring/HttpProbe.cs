using System.Globalization;

namespace StatusBot.Monitoring;

/// <summary>One HTTP probe: the request, the expected status, the timeout and the latency that means "degraded".</summary>
public sealed class HttpProbe(HttpClient http, TimeProvider time)
{
    public async Task<Observation> ProbeAsync(string serviceId, ProbeOptions probe, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var at = time.GetUtcNow();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(Math.Max(1, probe.TimeoutSeconds)), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            using var request = new HttpRequestMessage(new HttpMethod(probe.Method), probe.Url);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var code = (int)response.StatusCode;
            var elapsed = time.GetElapsedTime(started);
            var detail = $"HTTP {code.ToString(CultureInfo.InvariantCulture)} in {elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms";
            var expected = probe.ExpectedStatus.Count == 0 ? code is >= 200 and < 300 : probe.ExpectedStatus.Contains(code);
            if (!expected)
            {
                return new Observation(serviceId, ProbeOutcome.Down, at, detail);
            }

            var degraded = probe.DegradedLatencyMs is { } limit && elapsed.TotalMilliseconds > limit;
            return new Observation(serviceId, degraded ? ProbeOutcome.Degraded : ProbeOutcome.Up, at, detail);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new Observation(serviceId, ProbeOutcome.Down, at, $"timeout after {probe.TimeoutSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
        catch (HttpRequestException ex)
        {
            return new Observation(serviceId, ProbeOutcome.Down, at, "connection failed: " + (ex.HttpRequestError.ToString()));
        }
    }
}
