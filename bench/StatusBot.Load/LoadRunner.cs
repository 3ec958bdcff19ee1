using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace StatusBot.Load;

/// <summary>What one open-loop run saw.</summary>
/// <param name="expected">How many requests the run sends: its recorders are sized for them before the clock starts.</param>
/// <param name="answerTimes">Keep when each request was answered (<see cref="AnsweredAt"/>).</param>
public sealed class LoadResult(long expected = 0, bool answerTimes = false)
{
    public long Sent;
    public long Answered;
    public long RefusedAsExpected;

    /// <summary>Errors by kind: <c>http 503</c>, <c>timeout</c>, <c>connection</c>, <c>empty answer</c>, <c>bad signature accepted</c>.</summary>
    public ConcurrentDictionary<string, long> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>Answered requests, from their scheduled send time to the end of the answer.</summary>
    public LatencyRecorder Latency { get; } = new(Capacity(expected));

    /// <summary>From each request's scheduled time to when a connection actually sent it: the generator's own lateness (large values mean the generator was short of CPU) plus any wait for a free connection (all of them busy with slow answers).</summary>
    public LatencyRecorder SendLag { get; } = new(Capacity(expected));

    /// <summary>Answered requests from when the generator actually sent them: the server's part (and the loopback's), without the generator's lateness.</summary>
    public LatencyRecorder ServiceTime { get; } = new(Capacity(expected));

    /// <summary>The server's own time for each answer that reports one in <c>Server-Timing</c> (the admin API's): exact, not a histogram's bucket bound.</summary>
    public LatencyRecorder ServerTime { get; } = new();

    /// <summary>The same server times by request, numbered from 1 in schedule order, to tell which requests were the slow ones.</summary>
    public ConcurrentDictionary<long, double> ServerTimeByRequest { get; } = new();

    /// <summary>The <paramref name="count"/> slowest server times as "#n: ms", slowest first.</summary>
    public string SlowestServerTimes(int count) =>
        string.Join(", ", ServerTimeByRequest.OrderByDescending(p => p.Value).Take(count).Select(p => $"#{p.Key}: {p.Value:0.00}"));

    /// <summary>
    /// When each request was answered on the run's clock (<see cref="ClockStarted"/>), by its number in schedule order; zero
    /// for one not answered. Empty unless the runner was asked to keep them.
    /// </summary>
    public TimeSpan[] AnsweredAt { get; } = answerTimes ? new TimeSpan[Capacity(expected)] : [];

    /// <summary>The <see cref="Stopwatch.GetTimestamp"/> at which the run's clock started.</summary>
    public long ClockStarted { get; set; }

    public TimeSpan Elapsed { get; set; }

    /// <summary>
    /// The CPU the generator's own process used during the run (all its threads, the in-process emulators included): on
    /// a machine the generator shares with the server, what it takes from the server.
    /// </summary>
    public TimeSpan GeneratorCpu { get; set; }

    /// <summary>How long the generator's own garbage collections paused it during the run, and how many of them were full (gen 2) ones.</summary>
    public (TimeSpan Pause, int FullCollections) GeneratorGc { get; set; }

    /// <summary>The generator's CPU per request sent, in microseconds; NaN when nothing was sent.</summary>
    public double GeneratorMicrosecondsPerRequest => Sent > 0 ? GeneratorCpu.TotalMicroseconds / Sent : double.NaN;

    public long ErrorCount => Errors.Values.Sum();

    public double Throughput => Elapsed > TimeSpan.Zero ? Answered / Elapsed.TotalSeconds : 0;

    public string ErrorSummary => Errors.IsEmpty ? "0" : string.Join(", ", Errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}: {e.Value}"));

    public void Error(string kind) => Errors.AddOrUpdate(kind, 1, (_, n) => n + 1);

    /// <summary>Room for every expected request, up to 16 million values (128 MB) per recorder.</summary>
    private static int Capacity(long expected) => (int)Math.Clamp(expected, 0, 1 << 24);
}

/// <summary>
/// Sends prepared requests open-loop: request <c>i</c> is due at <see cref="OpenLoopSchedule.DueAt"/> and leaves then,
/// whether or not the earlier ones were answered, on the first of <c>connections</c> keep-alive connections that is free,
/// as the platforms reach a bot through a bounded pool of connections. A request that finds them all busy waits for one,
/// and since its latency runs from its scheduled time, that wait is counted. A success is a 2xx with a body; a request with
/// a spoiled signature must get 401 and then counts as refused as expected, not as an error.
/// </summary>
/// <param name="connections">The size of the pool of keep-alive connections.</param>
/// <param name="timeout">How long one request may take before it counts as a timeout (and opening the pool, as a whole).</param>
/// <param name="settle">
/// Collect the generator's own garbage, fully, after everything is prepared and before the clock starts. The prepared
/// requests of a large run are tens of megabytes of young objects, and without this the generator's first collections
/// during the run copy them all, stalling its sends for 35-120 ms; an open-loop generator counts that stall against the
/// server. Only for a run that is alone in the generator: a collection would stall any other run going on at the time.
/// </param>
/// <param name="answerTimes">Keep each request's answer time (<see cref="LoadResult.AnsweredAt"/>).</param>
public sealed class LoadRunner(int connections, TimeSpan timeout, bool settle = false, bool answerTimes = false)
{
    public async Task<LoadResult> RunAsync(OpenLoopSchedule schedule, IReadOnlyList<PreparedRequest> requests)
    {
        if (requests.Count < schedule.Count)
        {
            throw new ArgumentException($"{schedule.Count} requests scheduled, {requests.Count} prepared", nameof(requests));
        }

        if (schedule.Count == 0)
        {
            return new LoadResult();
        }

        // The wire bytes are built before the clock starts, like the signatures.
        var wire = new byte[schedule.Count][];
        for (var i = 0; i < wire.Length; i++)
        {
            wire[i] = Http1Request.Encode(requests[i]);
        }

        var server = await ResolveAsync(requests[0].Url);
        var result = new LoadResult(schedule.Count, answerTimes);
        var due = Channel.CreateUnbounded<(long Index, TimeSpan Due)>(new UnboundedChannelOptions { SingleWriter = true });
        var pool = Enumerable.Range(0, (int)Math.Min(connections, schedule.Count)).Select(_ => new Http1Connection(server)).ToArray();
        using (var opening = new CancellationTokenSource(timeout))
        {
            await Task.WhenAll(pool.Select(c => c.OpenAsync(opening.Token)));
        }

        if (settle)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        }

        var cpuBefore = Environment.CpuUsage.TotalTime;
        var (pauseBefore, fullBefore) = (GC.GetTotalPauseDuration(), GC.CollectionCount(2));
        result.ClockStarted = Stopwatch.GetTimestamp();
        var clock = Stopwatch.StartNew();
        var workers = pool.Select(c => Task.Run(() => WorkAsync(c, due.Reader, requests, wire, clock, result))).ToArray();
        for (var i = 0L; i < schedule.Count; i++)
        {
            var at = schedule.DueAt(i);
            // Never early: timers have a millisecond's grain, so a send may leave up to about a millisecond late, which
            // counts against the server (it is shown apart as the send lag). Spinning instead would take a core from it.
            while (at - clock.Elapsed is { Ticks: > 0 } wait)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)));
            }

            due.Writer.TryWrite((i, at));
        }

        due.Writer.Complete();
        await Task.WhenAll(workers);
        result.Elapsed = clock.Elapsed;
        result.GeneratorCpu = Environment.CpuUsage.TotalTime - cpuBefore;
        result.GeneratorGc = (GC.GetTotalPauseDuration() - pauseBefore, GC.CollectionCount(2) - fullBefore);
        return result;
    }

    private static async Task<EndPoint> ResolveAsync(Uri url)
    {
        var address = IPAddress.TryParse(url.Host, out var literal) ? literal : (await Dns.GetHostAddressesAsync(url.Host))[0];
        return new IPEndPoint(address, url.Port);
    }

    /// <summary>One connection's loop: takes the next due request, sends it, reads its answer, records it.</summary>
    private async Task WorkAsync(Http1Connection connection, ChannelReader<(long Index, TimeSpan Due)> due, IReadOnlyList<PreparedRequest> requests, byte[][] wire, Stopwatch clock, LoadResult result)
    {
        await using var owned = connection;
        var deadline = new CancellationTokenSource();
        while (await due.WaitToReadAsync())
        {
            if (!due.TryRead(out var next))
            {
                continue;
            }

            var prepared = requests[(int)next.Index];
            Interlocked.Increment(ref result.Sent);
            var sent = clock.Elapsed;
            result.SendLag.Record(sent - next.Due);
            deadline.CancelAfter(timeout);
            try
            {
                var response = await connection.SendAsync(wire[next.Index], deadline.Token);
                Record(next.Index, prepared, response, next.Due, sent, clock, result);
            }
            catch (OperationCanceledException)
            {
                result.Error("timeout");
            }
            catch (Exception ex) when (ex is IOException or SocketException)
            {
                result.Error("connection");
            }

            if (!deadline.TryReset())
            {
                // It fired: a timed-out request's deadline cannot be reused.
                deadline.Dispose();
                deadline = new CancellationTokenSource();
            }
        }

        deadline.Dispose();
    }

    private static void Record(long index, PreparedRequest prepared, Http1Response response, TimeSpan due, TimeSpan sent, Stopwatch clock, LoadResult result)
    {
        var answered = clock.Elapsed;
        if (prepared.BadSignature)
        {
            if (response.Status == (int)HttpStatusCode.Unauthorized)
            {
                Interlocked.Increment(ref result.RefusedAsExpected);
            }
            else
            {
                result.Error($"bad signature answered {response.Status}");
            }
        }
        else if (response.Status is < 200 or > 299)
        {
            result.Error($"http {response.Status}");
        }
        else if (response.BodyLength == 0)
        {
            result.Error("empty answer");
        }
        else
        {
            Interlocked.Increment(ref result.Answered);
            result.Latency.Record(answered - due);
            result.ServiceTime.Record(answered - sent);
            if (index < result.AnsweredAt.Length)
            {
                result.AnsweredAt[index] = answered;
            }
            if (response.ServerMilliseconds is { } server)
            {
                result.ServerTime.Record(server);
                result.ServerTimeByRequest[index + 1] = server;
            }
        }
    }
}
