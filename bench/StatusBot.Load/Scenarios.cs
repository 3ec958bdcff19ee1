using System.Globalization;

namespace StatusBot.Load;

/// <summary>What a run does: the rate and length of the steady runs, whether the peers run, the bound of the rate search, how many rounds each server of a steady scenario gets.</summary>
public sealed record LoadOptions(double Rate, double Seconds, double WarmupSeconds, bool Peers, bool Search, double P99BoundMs, double SearchStepSeconds, int Rounds = 1)
{
    public TimeSpan Duration => TimeSpan.FromSeconds(Seconds);

    public TimeSpan Warmup => TimeSpan.FromSeconds(WarmupSeconds);
}

/// <summary>The scenarios except the outage night (see <see cref="OutageNight"/>): steady per platform with the peers, burst, bad-signature mix.</summary>
public sealed class Scenarios(Servers servers, HttpClient http, LoadOptions options, int connections)
{
    private readonly LoadRunner _runner = new(connections, TimeSpan.FromSeconds(10), settle: true);
    private long _nextUser = 1;

    /// <summary>
    /// Steady <c>/status</c> on one platform: StatusBot and its peer both up, measured in turns, <see cref="LoadOptions.Rounds"/>
    /// rounds of (the common rate, then the highest sustainable rate) on each, the first server of a round alternating. Each
    /// server's figure is the median of its rounds, so a slow minute of the shared machine lands on one round of one server
    /// instead of deciding the ratio, and both meet the same minutes of the machine.
    /// </summary>
    public async Task SteadyAsync(string platform)
    {
        await using var statusBot = await servers.StartStatusBotAsync("steady-" + platform);
        await using var peer = options.Peers ? await StartPeerAsync(statusBot, platform) : null;
        ServerProcess[] contenders = peer is null ? [statusBot] : [statusBot, peer];
        foreach (var server in contenders)
        {
            await WarmUpAsync(server, platform);
        }

        var rows = new List<string>();
        var searches = new List<string>();
        var rounds = contenders.ToDictionary(c => c, _ => new List<(double P99, double Max)>());
        for (var round = 1; round <= options.Rounds; round++)
        {
            // Round 1 StatusBot first, round 2 the peer first, and so on.
            foreach (var server in round % 2 == 1 ? contenders : contenders.Reverse())
            {
                var idle = contenders.Where(c => c != server).Select(c => (c, c.CpuTime)).ToList();
                var (common, max) = await SteadyOnAsync(server, platform, round, rows, searches);
                rounds[server].Add((common.Latency.Percentile(99), max));
                foreach (var (other, before) in idle)
                {
                    // The server waiting for its turn shares the machine: show that it took next to nothing.
                    await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"  round {round}: {other.Label}, waiting, used {(other.CpuTime - before).TotalMilliseconds:0} ms of CPU during {server.Label}'s turn"));
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine($"### steady {platform}: {options.Rate:#,0} signed /status per second for {options.Seconds:0} s (after {options.WarmupSeconds:0} s of warm-up), {options.Rounds} round(s) per server in turns");
        Console.WriteLine();
        Console.WriteLine(Report.HeaderWith("round"));
        rows.ForEach(Console.WriteLine);
        if (searches.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine($"Highest sustainable rate ({options.SearchStepSeconds:0} s per step; passes with every request answered, no error, p99 ≤ {options.P99BoundMs:0} ms from the scheduled time):");
            Console.WriteLine();
            Console.WriteLine("| round | server | highest passing rate/s | first failing rate/s | why it failed | load avg |");
            Console.WriteLine("|---|---|---|---|---|---|");
            searches.ForEach(Console.WriteLine);
        }

        if (peer is not null)
        {
            var (ours, theirs) = (rounds[statusBot], rounds[peer]);
            var p99 = (Ours: Report.Median(ours.Select(r => r.P99)), Theirs: Report.Median(theirs.Select(r => r.P99)));
            var line = string.Create(CultureInfo.InvariantCulture,
                $"Ratios StatusBot / peer ({platform}), medians of {options.Rounds} round(s): p99 at {options.Rate:#,0}/s {Report.Ms(p99.Ours)} vs {Report.Ms(p99.Theirs)} ms ({Report.Ratio(p99.Theirs, p99.Ours)} lower; by round {string.Join(", ", ours.Zip(theirs, (a, b) => Report.Ratio(b.P99, a.P99)))})");
            if (options.Search)
            {
                var max = (Ours: Report.Median(ours.Select(r => r.Max)), Theirs: Report.Median(theirs.Select(r => r.Max)));
                line += string.Create(CultureInfo.InvariantCulture,
                    $"; highest sustainable rate {max.Ours:#,0} vs {max.Theirs:#,0}/s ({Report.Ratio(max.Ours, max.Theirs)}; by round {string.Join(", ", ours.Zip(theirs, (a, b) => Report.Ratio(a.Max, b.Max)))})");
            }

            Console.WriteLine();
            Console.WriteLine(line + ".");
        }
    }

    /// <summary>A burst: the base rate, ten times it for one second, the base rate again; both platforms alternating.</summary>
    public async Task BurstAsync()
    {
        await using var statusBot = await servers.StartStatusBotAsync("burst");
        await WarmUpAsync(statusBot, "both");
        var schedule = new OpenLoopSchedule(
            new LoadPhase(options.Rate, TimeSpan.FromSeconds(3)), new LoadPhase(options.Rate * 10, TimeSpan.FromSeconds(1)), new LoadPhase(options.Rate, TimeSpan.FromSeconds(3)));
        var (result, cpu, load) = await MeasureAsync(statusBot, schedule, Prepare(statusBot, "both", schedule.Count, badEvery: 0));
        Console.WriteLine();
        Console.WriteLine($"### burst: {options.Rate:#,0}/s for 3 s, {options.Rate * 10:#,0}/s for 1 s, {options.Rate:#,0}/s for 3 s (Slack and Discord alternating)");
        Console.WriteLine();
        Console.WriteLine(Report.Header);
        Console.WriteLine(Report.Row("burst", statusBot.Label, schedule.Count / schedule.Duration.TotalSeconds, result, cpu, load));
    }

    /// <summary>Both platforms alternating, one request in a hundred with a wrong signature (which must be refused with 401).</summary>
    public async Task MixAsync()
    {
        await using var statusBot = await servers.StartStatusBotAsync("mix");
        await WarmUpAsync(statusBot, "both");
        var schedule = OpenLoopSchedule.Steady(options.Rate, options.Duration);
        var (result, cpu, load) = await MeasureAsync(statusBot, schedule, Prepare(statusBot, "both", schedule.Count, badEvery: 100));
        Console.WriteLine();
        Console.WriteLine($"### mix: {options.Rate:#,0}/s for {options.Seconds:0} s, Slack and Discord alternating, 1 % bad signatures");
        Console.WriteLine();
        Console.WriteLine(Report.Header);
        Console.WriteLine(Report.Row("mix, 1 % bad signatures", statusBot.Label, options.Rate, result, cpu, load));
    }

    private async Task<(LoadResult Common, double Max)> SteadyOnAsync(ServerProcess server, string platform, int round, List<string> rows, List<string> searches)
    {
        var schedule = OpenLoopSchedule.Steady(options.Rate, options.Duration);
        var (result, cpu, load) = await MeasureAsync(server, schedule, Prepare(server, platform, schedule.Count, badEvery: 0));
        rows.Add($"| {round} " + Report.Row("steady " + platform, server.Label, options.Rate, result, cpu, load));
        if (!options.Search)
        {
            return (result, double.NaN);
        }

        var (best, failed, why, searchLoad) = await SearchAsync(server, platform);
        searches.Add(string.Create(CultureInfo.InvariantCulture, $"| {round} | {server.Label} | {best:#,0} | {failed:#,0} | {why} | {searchLoad} |"));
        return (result, best);
    }

    private async Task<ServerProcess> StartPeerAsync(ServerProcess statusBot, string platform)
    {
        // The peer answers the bytes StatusBot answers; taken from the StatusBot that is up, not a second one started for it.
        await servers.CaptureRepliesAsync(http, statusBot);
        return platform == "slack" ? await servers.StartBoltAsync(http) : await servers.StartExpressAsync(http);
    }

    /// <summary>
    /// Steps the rate up by half again until a step fails (an error, an unanswered request, or p99 over the bound), then
    /// halves the gap twice: the highest passing rate is within about 12 % of the true limit.
    /// </summary>
    private async Task<(double Best, double Failed, string Why, string Load)> SearchAsync(ServerProcess server, string platform)
    {
        var step = TimeSpan.FromSeconds(options.SearchStepSeconds);
        var (best, failed, why) = (0.0, double.NaN, "");
        var loads = new List<string>();
        // A step that fails is tried once more after a pause: on a shared machine one other process's burst can fail a
        // 3-second step that the server sustains; two failures in a row end the climb.
        async Task<string?> TryAsync(double rate)
        {
            string? reason = null;
            for (var attempt = 1; attempt <= 2; attempt++)
            {
                var schedule = OpenLoopSchedule.Steady(rate, step);
                var requests = Prepare(server, platform, schedule.Count, badEvery: 0);
                await Task.Delay(TimeSpan.FromSeconds(2));
                var (result, cpu, load) = await MeasureAsync(server, schedule, requests);
                loads.Add(load);
                var p99 = result.Latency.Percentile(99);
                reason = result.ErrorCount > 0 ? "errors: " + result.ErrorSummary
                    : result.Answered < result.Sent ? $"{result.Sent - result.Answered} unanswered"
                    : p99 > options.P99BoundMs ? $"p99 {Report.Ms(p99)} ms" : null;
                // Where a failing p99 comes from: the server's side (from the actual send) or the generator's lateness.
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {server.Label} {platform} {rate:#,0}/s (try {attempt}): p99 {Report.Ms(p99)} ms (from the actual send {Report.Ms(result.ServiceTime.Percentile(99))} ms, send lag {Report.Ms(result.SendLag.Percentile(99))} ms), CPU µs/request server {Report.CpuPerRequest(cpu, result)} generator {result.GeneratorMicrosecondsPerRequest:0}, generator GC pauses {result.GeneratorGc.Pause.TotalMilliseconds:0.0} ms ({result.GeneratorGc.FullCollections} full), send lag max {Report.Ms(result.SendLag.Max)} ms, {result.ErrorSummary} errors, load {load} → {reason ?? "pass"}"));
                if (reason is null)
                {
                    return null;
                }
            }

            return reason;
        }

        for (var rate = 250.0; rate <= 60_000; rate *= 1.5)
        {
            if (await TryAsync(rate) is { } reason)
            {
                (failed, why) = (rate, reason);
                break;
            }

            best = rate;
        }

        for (var i = 0; i < 2 && !double.IsNaN(failed); i++)
        {
            var middle = Math.Round((best + failed) / 2 / 50) * 50;
            if (await TryAsync(middle) is { } reason)
            {
                (failed, why) = (middle, reason);
            }
            else
            {
                best = middle;
            }
        }

        var numbers = loads.Select(l => double.TryParse(l, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN).Where(v => !double.IsNaN(v)).ToList();
        return (best, failed, why, numbers.Count == 0 ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{numbers.Min():0.00}–{numbers.Max():0.00}"));
    }

    private async Task WarmUpAsync(ServerProcess server, string platform)
    {
        var schedule = OpenLoopSchedule.Steady(options.Rate, options.Warmup);
        await _runner.RunAsync(schedule, Prepare(server, platform, schedule.Count, badEvery: 0));
    }

    private async Task<(LoadResult Result, TimeSpan Cpu, string Load)> MeasureAsync(ServerProcess server, OpenLoopSchedule schedule, PreparedRequest[] requests)
    {
        var load = Report.LoadAverage();
        var cpuBefore = server.CpuTime;
        var result = await _runner.RunAsync(schedule, requests);
        return (result, server.CpuTime - cpuBefore, load);
    }

    /// <summary>
    /// <paramref name="count"/> signed questions for <paramref name="server"/>, each from a new user; <c>both</c> alternates
    /// Slack and Discord; every <paramref name="badEvery"/>th request (when positive) has a spoiled signature.
    /// </summary>
    public PreparedRequest[] Prepare(ServerProcess server, string platform, long count, int badEvery)
    {
        var first = Interlocked.Add(ref _nextUser, count) - count;
        return Prepare(servers, server, platform, first, count, badEvery);
    }

    public static PreparedRequest[] Prepare(Servers servers, ServerProcess server, string platform, long firstUser, long count, int badEvery)
    {
        var requests = new PreparedRequest[count];
        var now = DateTimeOffset.UtcNow;
        var slack = Servers.Route(server, "slack");
        var discord = Servers.Route(server, "discord");
        Parallel.For(0, count, i =>
        {
            var bad = badEvery > 0 && (platform == "both" ? i / 2 : i) % badEvery == badEvery - 1;
            var onSlack = platform == "slack" || (platform == "both" && i % 2 == 0);
            requests[i] = onSlack
                ? StatusQuestions.Slack(slack, servers.Slack, firstUser + i, now, bad)
                : StatusQuestions.Discord(discord, servers.Discord, firstUser + i, now, bad);
        });
        return requests;
    }
}
