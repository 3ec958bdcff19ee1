using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace StatusBot.Load;

/// <summary>What one open-loop run saw.</summary>
public sealed class LoadResult
{
    public long Sent;
    public long Answered;
    public long RefusedAsExpected;

    /// <summary>Errors by kind: <c>http 503</c>, <c>timeout</c>, <c>connection</c>, <c>empty answer</c>, <c>bad signature accepted</c>.</summary>
    public ConcurrentDictionary<string, long> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>Answered requests, from their scheduled send time to the end of the answer.</summary>
    public LatencyRecorder Latency { get; } = new();

    /// <summary>How late the generator itself started each send (its own share of the latency; large values mean the generator, not the server, was short of CPU).</summary>
    public LatencyRecorder SendLag { get; } = new();

    /// <summary>Answered requests from when the generator actually sent them: the server's part (and the loopback's), without the generator's lateness.</summary>
    public LatencyRecorder ServiceTime { get; } = new();

    public TimeSpan Elapsed { get; set; }

    public long ErrorCount => Errors.Values.Sum();

    public double Throughput => Elapsed > TimeSpan.Zero ? Answered / Elapsed.TotalSeconds : 0;

    public string ErrorSummary => Errors.IsEmpty ? "0" : string.Join(", ", Errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}: {e.Value}"));

    public void Error(string kind) => Errors.AddOrUpdate(kind, 1, (_, n) => n + 1);
}

/// <summary>
/// Sends prepared requests open-loop: request <c>i</c> leaves at <see cref="OpenLoopSchedule.DueAt"/>, whether or not the
/// earlier ones were answered, and its latency runs from that scheduled time. A success is a 2xx with a body; a request
/// with a spoiled signature must get 401 and then counts as refused as expected, not as an error.
/// </summary>
public sealed class LoadRunner(HttpClient http, TimeSpan timeout)
{
    /// <summary>
    /// A client with at most <paramref name="connections"/> keep-alive connections per server, as the platforms reach a bot
    /// through a bounded pool of connections: a request that finds them all busy waits in the pool, and since its latency
    /// runs from its scheduled time, that wait is counted.
    /// </summary>
    public static HttpClient CreateClient(int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        AutomaticDecompression = DecompressionMethods.None,
        UseProxy = false,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public async Task<LoadResult> RunAsync(OpenLoopSchedule schedule, IReadOnlyList<PreparedRequest> requests)
    {
        if (requests.Count < schedule.Count)
        {
            throw new ArgumentException($"{schedule.Count} requests scheduled, {requests.Count} prepared", nameof(requests));
        }

        var result = new LoadResult();
        var clock = Stopwatch.StartNew();
        var sends = new Task[schedule.Count];
        for (var i = 0L; i < schedule.Count; i++)
        {
            var due = schedule.DueAt(i);
            // Never early: timers have a millisecond's grain, so a send may leave up to about a millisecond late, which
            // counts against the server (it is shown apart as the send lag). Spinning instead would take a core from it.
            while (due - clock.Elapsed is { Ticks: > 0 } wait)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)));
            }

            var request = requests[(int)i];
            sends[i] = Task.Run(() => SendAsync(request, due, clock, result));
        }

        await Task.WhenAll(sends);
        result.Elapsed = clock.Elapsed;
        return result;
    }

    private async Task SendAsync(PreparedRequest prepared, TimeSpan due, Stopwatch clock, LoadResult result)
    {
        Interlocked.Increment(ref result.Sent);
        var sent = clock.Elapsed;
        result.SendLag.Record(sent - due);
        using var message = new HttpRequestMessage(HttpMethod.Post, prepared.Url) { Content = new ByteArrayContent(prepared.Body) };
        message.Content.Headers.TryAddWithoutValidation("Content-Type", prepared.ContentType);
        foreach (var (name, value) in prepared.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancel.Token);
            var body = await response.Content.ReadAsByteArrayAsync(cancel.Token);
            var latency = clock.Elapsed - due;
            if (prepared.BadSignature)
            {
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    Interlocked.Increment(ref result.RefusedAsExpected);
                }
                else
                {
                    result.Error($"bad signature answered {(int)response.StatusCode}");
                }
            }
            else if (!response.IsSuccessStatusCode)
            {
                result.Error($"http {(int)response.StatusCode}");
            }
            else if (body.Length == 0)
            {
                result.Error("empty answer");
            }
            else
            {
                Interlocked.Increment(ref result.Answered);
                result.Latency.Record(latency);
                result.ServiceTime.Record(clock.Elapsed - sent);
            }
        }
        catch (OperationCanceledException)
        {
            result.Error("timeout");
        }
        catch (HttpRequestException)
        {
            result.Error("connection");
        }
    }
}
