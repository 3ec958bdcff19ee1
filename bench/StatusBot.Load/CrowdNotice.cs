using System.Diagnostics;
using System.Globalization;
using System.Text;
using StatusBot.Testing.Slack;

namespace StatusBot.Load;

/// <summary>
/// The crowd notice: a real <c>statusbot serve</c> with an admin channel on the Slack emulator, and a crowd of distinct
/// people sending signed <c>/statusbot status streaming</c> at a fixed rate while no incident is open. Run twice, with crowd
/// counting on (<c>StatusBot:Crowd:Threshold</c> <see cref="Threshold"/>) and off (0), each on a fresh server. Measures the
/// delay from the threshold's crossing (the answer to the <see cref="Threshold"/>th distinct asker) to the notice's
/// <c>chat.postMessage</c> to the admin channel at the emulator, and the crowd's answer latencies with counting on and off.
/// </summary>
public sealed class CrowdNotice(Servers servers, HttpClient http, int connections, int askers, double seconds, double warmupSeconds)
{
    /// <summary>The default <c>StatusBot:Crowd:Threshold</c>: the crowd crosses it at its 20th distinct asker.</summary>
    public const int Threshold = 20;

    private const string AdminChannel = "CCROWDOPS";

    private sealed record Run(string Label, LoadResult Answers, TimeSpan? Crossed, TimeSpan? Noticed, int Notices, TimeSpan Cpu, string Load);

    public async Task RunAsync()
    {
        var on = await RunOnceAsync(Threshold);
        var off = await RunOnceAsync(0);
        var rate = askers / seconds;

        Console.WriteLine();
        Console.WriteLine($"### crowd notice: {askers:#,0} distinct people send a signed Slack `/statusbot status streaming` in {seconds:0} s, no incident open, admin channel on the Slack emulator; crowd counting on (`StatusBot:Crowd:Threshold` {Threshold}) and off (0), each on a fresh server after {warmupSeconds:0} s of warm-up");
        Console.WriteLine();
        Console.WriteLine(Report.Header);
        foreach (var run in new[] { on, off })
        {
            Console.WriteLine(Report.Row($"crowd, counting {run.Label}", "StatusBot serve", rate, run.Answers, run.Cpu, run.Load));
        }

        Console.WriteLine();
        Console.WriteLine("| crowd counting | answers p50 / p99 / max ms (from the scheduled send) | from the actual send p50 / p99 ms (without the generator's lateness) | threshold crossed (answer to the 20th asker), s into the crowd | admin notice at the emulator, s into the crowd | delay ms | notices about Streaming |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var run in new[] { on, off })
        {
            var delay = run is { Crossed: { } c, Noticed: { } n } ? Report.Ms((n - c).TotalMilliseconds) : "—";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {run.Label} | {Report.Ms(run.Answers.Latency.Percentile(50))} / {Report.Ms(run.Answers.Latency.Percentile(99))} / {Report.Ms(run.Answers.Latency.Max)} | {Report.Ms(run.Answers.ServiceTime.Percentile(50))} / {Report.Ms(run.Answers.ServiceTime.Percentile(99))} | {Seconds(run.Crossed)} | {Seconds(run.Noticed)} | {delay} | {run.Notices} |"));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"on ÷ off, p50 / p99: {Report.Ratio(on.Answers.Latency.Percentile(50), off.Answers.Latency.Percentile(50))} / {Report.Ratio(on.Answers.Latency.Percentile(99), off.Answers.Latency.Percentile(99))} from the scheduled send, {Report.Ratio(on.Answers.ServiceTime.Percentile(50), off.Answers.ServiceTime.Percentile(50))} / {Report.Ratio(on.Answers.ServiceTime.Percentile(99), off.Answers.ServiceTime.Percentile(99))} from the actual send"));
    }

    private static string Seconds(TimeSpan? at) => at is { } t ? t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) : "—";

    private async Task<Run> RunOnceAsync(int threshold)
    {
        var label = threshold > 0 ? "on" : "off";
        await using var slack = await SlackEmulator.StartAsync();
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["StatusBot__Slack__BotToken"] = SlackEmulator.BotToken,
            ["StatusBot__Slack__ApiBaseUrl"] = slack.BaseUrl,
            ["StatusBot__Announcements__AdminChannel__Platform"] = "slack",
            ["StatusBot__Announcements__AdminChannel__ChannelId"] = AdminChannel,
            ["StatusBot__Crowd__Threshold"] = threshold.ToString(CultureInfo.InvariantCulture),
        };
        await using var statusBot = await servers.StartStatusBotAsync("crowd-" + label, settings);
        await OutageNight.WaitReadyAsync(http, statusBot);

        // Warm-up from other people: plain `status` and `status billing`, so the answer paths are jitted. With counting
        // on, the billing askers cross the threshold too and their notice goes out before the crowd: the notice path has
        // run once, as on a server that has been up a while.
        var runner = new LoadRunner(connections, TimeSpan.FromSeconds(10));
        var warmup = OpenLoopSchedule.Steady(200, TimeSpan.FromSeconds(warmupSeconds));
        await runner.RunAsync(warmup, Ask(statusBot, 10_000_000, warmup.Count, i => i % 2 == 0 ? "status" : "status billing"));
        if (threshold > 0)
        {
            await WaitForNoticeAsync(slack, "Billing", TimeSpan.FromSeconds(30));
        }

        var schedule = OpenLoopSchedule.Steady(askers / seconds, TimeSpan.FromSeconds(seconds));
        var asks = Ask(statusBot, 1, schedule.Count, _ => "status streaming");
        var crowdRunner = new LoadRunner(connections, TimeSpan.FromSeconds(10), answerTimes: true);
        var load = Report.LoadAverage();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var cpuBefore = statusBot.CpuTime;
        var answers = await crowdRunner.RunAsync(schedule, asks);
        var cpu = statusBot.CpuTime - cpuBefore;

        // Each request is a distinct asker: the threshold is crossed when the Nth of them is answered (the Nth answer in
        // time, whichever request it was).
        var answered = answers.AnsweredAt.Where(t => t > TimeSpan.Zero).Order().ToArray();
        TimeSpan? crossed = threshold > 0 && answered.Length >= threshold ? answered[threshold - 1] : null;
        var notice = threshold > 0 ? await WaitForNoticeAsync(slack, "Streaming", TimeSpan.FromSeconds(30)) : null;
        if (threshold == 0)
        {
            // Counting off: nothing to wait for; the announcer has had the crowd's whole run to post one if it would.
            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        // The emulator's clock and the run's, read at the same moment, turn the notice's arrival into the run's time.
        var offset = Stopwatch.GetElapsedTime(answers.ClockStarted) - slack.Elapsed;
        TimeSpan? noticed = notice is { } n ? n.At + offset : null;
        var notices = Notices(slack, "Streaming").Count();
        return new Run(label, answers, crossed, noticed, notices, cpu, load);
    }

    private static IEnumerable<SlackRecordedRequest> Notices(SlackEmulator slack, string service) =>
        slack.Calls("chat.postMessage").Where(c => c.Field("channel") == AdminChannel && c.Body.Contains("asked about " + service, StringComparison.Ordinal));

    private static async Task<SlackRecordedRequest?> WaitForNoticeAsync(SlackEmulator slack, string service, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (Notices(slack, service).FirstOrDefault() is { } notice)
            {
                return notice;
            }

            await Task.Delay(50);
        }

        Console.Error.WriteLine($"no admin notice about {service} within {timeout.TotalSeconds:0} s");
        return null;
    }

    /// <summary>Signed Slack <c>/statusbot</c> commands with the given text, each from its own user.</summary>
    private PreparedRequest[] Ask(ServerProcess server, long firstUser, long count, Func<long, string> text)
    {
        var url = Servers.Route(server, "slack");
        var now = DateTimeOffset.UtcNow;
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var requests = new PreparedRequest[count];
        Parallel.For(0, count, i =>
        {
            var body = SlackSigner.CommandBody("/statusbot", text(i), userId: "U" + (firstUser + i).ToString("D9", CultureInfo.InvariantCulture), channelId: "C0GENERAL");
            requests[i] = new("slack", url, Encoding.UTF8.GetBytes(body), "application/x-www-form-urlencoded",
                [("X-Slack-Request-Timestamp", timestamp), ("X-Slack-Signature", servers.Slack.Sign(now.ToUnixTimeSeconds(), body))], BadSignature: false);
        });
        return requests;
    }
}
