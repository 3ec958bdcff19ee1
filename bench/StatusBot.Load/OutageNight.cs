using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using StatusBot.Testing.Discord;
using StatusBot.Testing.EndToEnd;
using StatusBot.Testing.Metrics;
using StatusBot.Testing.Slack;

namespace StatusBot.Load;

/// <summary>
/// The outage night: an incident is opened through the admin API of a real <c>statusbot serve</c> whose announcer posts to
/// 500 configured channels (half on the Discord emulator, half on the Slack emulator); then 10,000 signed <c>/status</c>
/// questions arrive within 2 seconds (Slack and Discord alternating, each from its own user) while an admin posts incident
/// updates at a fixed rate, each acknowledged only after its fsync. Measures the questions, the updates, the server's
/// own command times (from <c>/metrics</c>), and the fan-out until the emulators fall quiet.
/// </summary>
public sealed class OutageNight(Servers servers, HttpClient http, int connections, int questions, double seconds, int channels, double updatesPerSecond, double warmupSeconds)
{
    private const string AdminToken = "bench-admin-token";

    public async Task RunAsync()
    {
        await using var discord = await DiscordEmulator.StartAsync();
        await using var slack = await SlackEmulator.StartAsync();
        slack.EnforceChannelRate = true;
        var refs = Enumerable.Range(1, channels).Select(n => n % 2 == 1 ? AnnouncingRig.DiscordChannel(n) : AnnouncingRig.SlackChannel(n)).ToList();
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["StatusBot__Slack__BotToken"] = SlackEmulator.BotToken,
            ["StatusBot__Slack__ApiBaseUrl"] = slack.BaseUrl,
            ["StatusBot__Discord__BotToken"] = DiscordEmulator.BotToken,
            ["StatusBot__Discord__ApiBaseUrl"] = discord.ApiBaseUrl,
            ["StatusBot__Admin__ApiTokens__0__Name"] = "bench",
            ["StatusBot__Admin__ApiTokens__0__Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AdminToken))),
        };
        for (var i = 0; i < refs.Count; i++)
        {
            settings[$"StatusBot__Announcements__Channels__{i}__Platform"] = refs[i].Platform;
            settings[$"StatusBot__Announcements__Channels__{i}__ChannelId"] = refs[i].ChannelId;
            settings[$"StatusBot__Announcements__Channels__{i}__WorkspaceId"] = refs[i].WorkspaceId ?? "";
            settings[$"StatusBot__Announcements__Channels__{i}__Services__0"] = "streaming";
        }

        await using var statusBot = await servers.StartStatusBotAsync("outage", settings);
        await WaitReadyAsync(http, statusBot);

        // A server that has been up for a while: its code paths jitted and tiered up (a cold process runs unoptimized code
        // for its first seconds, and on two busy cores the background JIT is slow to replace it), with questions from
        // other users than the crowd's, so no answer or user lookup of the crowd is cached.
        var runner = new LoadRunner(connections, TimeSpan.FromSeconds(10));

        // The admin posts updates from their own client (a few connections of its own), not through the crowd's.
        var admin = new LoadRunner(4, TimeSpan.FromSeconds(10));
        var warmup = OpenLoopSchedule.Steady(1000, TimeSpan.FromSeconds(warmupSeconds));
        await runner.RunAsync(warmup, Scenarios.Prepare(servers, statusBot, "both", 10_000_000, warmup.Count, badEvery: 0));

        // Earlier that evening, a billing incident was opened, updated and resolved through the admin API (the channels
        // follow streaming only, so it is not announced): the update path has run before, as on a server that has been up
        // a while. A first update on a fresh process takes 20-35 ms here, most of it the JIT.
        var earlier = await OpenIncidentAsync(statusBot, "billing", "minor", "Invoices are delayed");
        var earlierUpdates = OpenLoopSchedule.Steady(updatesPerSecond, TimeSpan.FromSeconds(1));
        await admin.RunAsync(earlierUpdates, [.. Enumerable.Range(1, (int)earlierUpdates.Count).Select(n => Update(statusBot, earlier, n))]);
        await admin.RunAsync(OpenLoopSchedule.Steady(1, TimeSpan.FromSeconds(1)), [Resolve(statusBot, earlier)]);
        await Task.Delay(TimeSpan.FromSeconds(2));

        var schedule = OpenLoopSchedule.Steady(questions / seconds, TimeSpan.FromSeconds(seconds));
        var asks = Scenarios.Prepare(servers, statusBot, "both", 1, schedule.Count, badEvery: 0);
        var before = await ServerMetrics.ScrapeAsync(http, statusBot.Root);
        var updatesBefore = await ServerMetrics.ScrapeAsync(http, statusBot.Root, ServerMetrics.AdminUpdates);
        var fsyncsBefore = await ServerMetrics.ScrapeAsync(http, statusBot.Root, _ => true, ServerMetrics.FsyncDuration);
        var questionRequestsBefore = await ServerMetrics.ScrapeAsync(http, statusBot.Root, ServerMetrics.Questions, ServerMetrics.RequestDuration);
        var updateRequestsBefore = await ServerMetrics.ScrapeAsync(http, statusBot.Root, ServerMetrics.UpdateRequests, ServerMetrics.RequestDuration);
        var gcBefore = await ServerMetrics.CollectionsAsync(http, statusBot.Root);
        var load = Report.LoadAverage();

        // The crowd's 10,000 prepared questions are young objects: collected now, before the crowd, the generator's own
        // collections during it do not copy them all and stall its sends (see LoadRunner's settle, which the two runs
        // below cannot use since they run at once).
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var cpuBefore = statusBot.CpuTime;
        var generatorCpuBefore = Environment.CpuUsage.TotalTime;
        var opened = Stopwatch.StartNew();
        var incident = await OpenIncidentAsync(statusBot, "streaming", "major", "Streaming fails on TV devices");
        var updateSchedule = OpenLoopSchedule.Steady(updatesPerSecond, TimeSpan.FromSeconds(seconds));
        var updates = Enumerable.Range(1, (int)updateSchedule.Count).Select(n => Update(statusBot, incident, n)).ToArray();
        var asking = runner.RunAsync(schedule, asks);
        var updating = admin.RunAsync(updateSchedule, updates);
        var (answers, acks) = (await asking, await updating);
        var cpu = statusBot.CpuTime - cpuBefore;
        var peakResident = statusBot.PeakResidentBytes;
        var generatorCpu = Environment.CpuUsage.TotalTime - generatorCpuBefore;
        var crowdSeconds = answers.Elapsed.TotalSeconds;
        var gc = (await ServerMetrics.CollectionsAsync(http, statusBot.Root)).Zip(gcBefore, (a, b) => a - b).ToArray();
        var after = await ServerMetrics.ScrapeAsync(http, statusBot.Root);
        var server = after.Since(before);
        var serverUpdates = (await ServerMetrics.ScrapeAsync(http, statusBot.Root, ServerMetrics.AdminUpdates)).Since(updatesBefore);
        var fsyncs = (await ServerMetrics.ScrapeAsync(http, statusBot.Root, _ => true, ServerMetrics.FsyncDuration)).Since(fsyncsBefore);
        var questionRequests = (await ServerMetrics.ScrapeAsync(http, statusBot.Root, ServerMetrics.Questions, ServerMetrics.RequestDuration)).Since(questionRequestsBefore);
        var updateRequests = (await ServerMetrics.ScrapeAsync(http, statusBot.Root, ServerMetrics.UpdateRequests, ServerMetrics.RequestDuration)).Since(updateRequestsBefore);

        var (fanOut, quietFor) = await WaitForQuietAsync(discord, slack, opened, refs);
        var discordRefs = refs.Where(r => r.Platform == "discord").ToList();
        var slackRefs = refs.Where(r => r.Platform == "slack").ToList();
        var discordCards = discordRefs.Count(r => discord.MessagesIn(r.ChannelId).Count > 0);
        var slackCards = slackRefs.Count(r => slack.TopLevel(r.ChannelId).Count > 0);
        var discordRequests = discord.Requests.Count(r => r.Authenticated);
        var slackRequests = slack.Requests.Count;
        var slack429 = slack.Requests.Count(r => r.Status == 429);

        Console.WriteLine();
        Console.WriteLine($"### outage night: {questions:#,0} /status in {seconds:0} s (Slack and Discord alternating, each from its own user), {acks.Sent} incident updates at {updatesPerSecond:0}/s, fan-out to {channels} channels; after {warmupSeconds:0} s of warm-up at 1,000/s");
        Console.WriteLine();
        Console.WriteLine(Report.Header);
        Console.WriteLine(Report.Row("outage night: questions", statusBot.Label, schedule.Count / seconds, answers, cpu, load));
        Console.WriteLine(Report.Row("outage night: admin updates (acked after fsync)", "admin API", updatesPerSecond, acks, null, load));
        Console.WriteLine();
        Console.WriteLine("| check | result | target |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine($"| CPU during the crowd ({crowdSeconds:0.0} s): server / generator with its emulators, in cores | {cpu.TotalSeconds / crowdSeconds:0.00} / {generatorCpu.TotalSeconds / crowdSeconds:0.00} of {Environment.ProcessorCount} | — |");
        Console.WriteLine($"| the generator's own GC pauses during the crowd (full collections) | {answers.GeneratorGc.Pause.TotalMilliseconds:0.0} ms ({answers.GeneratorGc.FullCollections}) | — |");
        Console.WriteLine($"| server garbage collections during the crowd: gen0 / gen1 / gen2; the server's peak resident memory at the end of the crowd | {gc[0]:0} / {gc[1]:0} / {gc[2]:0}; {peakResident / (1024.0 * 1024):0} MiB | — |");
        Console.WriteLine($"| questions answered | {answers.Answered:#,0} of {schedule.Count:#,0} | all |");
        Console.WriteLine($"| errors (questions / updates) | {answers.ErrorSummary} / {acks.ErrorSummary} | 0 |");
        Console.WriteLine($"| questions, server-side (`http_request_duration_seconds` of the two question endpoints: routed request to answer): count, p50 / p99 / p99.9 bucket bound | {questionRequests.Count:#,0}, ≤ {Report.Ms(questionRequests.PercentileBound(50) * 1000)} / ≤ {Report.Ms(questionRequests.PercentileBound(99) * 1000)} / ≤ {Report.Ms(questionRequests.PercentileBound(99.9) * 1000)} ms | p99 < 50 ms |");
        Console.WriteLine($"| questions p99 / max from the actual send (server and loopback, without the generator's lateness) | {Report.Ms(answers.ServiceTime.Percentile(99))} / {Report.Ms(answers.ServiceTime.Max)} ms | < 50 ms / < 1 s |");
        Console.WriteLine($"| questions p99 / max from the scheduled send (open-loop, generator lateness included) | {Report.Ms(answers.Latency.Percentile(99))} / {Report.Ms(answers.Latency.Max)} ms | — |");
        Console.WriteLine($"| dispatched commands (cache misses; `statusbot_command_duration` on /metrics): count, p99 bucket bound, over 1 s | {server.Count:#,0}, ≤ {Report.Ms(server.PercentileBound(99) * 1000)} ms, {server.SlowerThan(1):0} | — |");
        Console.WriteLine($"| update ack, server-side (`http_request_duration_seconds` of the updates endpoint: routed request to answer, fsync included): count, p50 / p99 bucket bound | {updateRequests.Count:#,0}, ≤ {Report.Ms(updateRequests.PercentileBound(50) * 1000)} / ≤ {Report.Ms(updateRequests.PercentileBound(99) * 1000)} ms | p99 < 10 ms |");
        Console.WriteLine($"| update ack, server-side, exact (each answer's `Server-Timing`: routed request to the answer's headers, fsync included): count, p50 / p99 / max; the three slowest (update number: ms) | {acks.ServerTime.Count:#,0}, {Report.Ms(acks.ServerTime.Percentile(50))} / {Report.Ms(acks.ServerTime.Percentile(99))} / {Report.Ms(acks.ServerTime.Max)} ms; {acks.SlowestServerTimes(3)} | p99 < 10 ms |");
        Console.WriteLine($"| update ack, server-side (`statusbot_command_duration{{platform=\"api\",command=\"incident update\"}}`: parsed request to answer, fsync included): count, p50 / p99 bucket bound | {serverUpdates.Count:#,0}, ≤ {Report.Ms(serverUpdates.PercentileBound(50) * 1000)} / ≤ {Report.Ms(serverUpdates.PercentileBound(99) * 1000)} ms | p99 < 10 ms |");
        Console.WriteLine($"| journal fsyncs during the crowd (`statusbot_journal_fsync_duration_seconds`): count, p50 / p99 / max bucket bound | {fsyncs.Count:#,0}, ≤ {Report.Ms(fsyncs.PercentileBound(50) * 1000)} / ≤ {Report.Ms(fsyncs.PercentileBound(99) * 1000)} / ≤ {Report.Ms(fsyncs.PercentileBound(100) * 1000)} ms | — |");
        Console.WriteLine($"| update ack at the generator (scheduled send to answer: HTTP, CPU queue and the generator's own lateness included) p50 / p99 / max | {Report.Ms(acks.Latency.Percentile(50))} / {Report.Ms(acks.Latency.Percentile(99))} / {Report.Ms(acks.Latency.Max)} ms | — |");
        Console.WriteLine($"| fan-out: from the incident's opening to the last platform request | {fanOut.TotalSeconds:0.0} s (quiet {quietFor.TotalSeconds:0} s after) | — |");
        Console.WriteLine($"| Discord: channels with a card / requests / 429s (global and per channel) / max requests in any second | {discordCards}/{discordRefs.Count} / {discordRequests} / {discord.LimitViolations} / {discord.MaxPerSecond(r => r.Authenticated)} | all / — / 0 / ≤ 50 |");
        Console.WriteLine($"| Slack: channels with a card / requests / 429s (per channel) | {slackCards}/{slackRefs.Count} / {slackRequests} ({ByMethod(slack)}) / {slack429} | all / — / 0 |");
    }

    private static string ByMethod(SlackEmulator slack) =>
        string.Join(", ", slack.Requests.GroupBy(r => r.Method, StringComparer.Ordinal).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"));

    /// <summary>Waits for <c>/readyz</c> to answer 2xx, at most a minute.</summary>
    public static async Task WaitReadyAsync(HttpClient http, ServerProcess server)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            using var response = await http.GetAsync(new Uri(server.Root, "readyz"));
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            if (watch.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException("statusbot never became ready");
            }

            await Task.Delay(100);
        }
    }

    private async Task<string> OpenIncidentAsync(ServerProcess server, string service, string impact, string title)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Root, "api/admin/incidents"))
        {
            Content = new StringContent($"{{\"services\":[\"{service}\"],\"impact\":\"{impact}\",\"title\":\"{title}\"}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        return response.IsSuccessStatusCode && json.RootElement.GetProperty("incidentId").GetString() is { } id
            ? id
            : throw new InvalidOperationException($"opening the incident answered {(int)response.StatusCode}: {body}");
    }

    private static PreparedRequest Update(ServerProcess server, string incident, int n) => new(
        "admin",
        new Uri(server.Root, $"api/admin/incidents/{incident}/updates"),
        Encoding.UTF8.GetBytes($"{{\"status\":\"identified\",\"message\":\"Update {n.ToString(CultureInfo.InvariantCulture)}: load balancers in us-east-1 are failing over\"}}"),
        "application/json",
        [("Authorization", "Bearer " + AdminToken)],
        BadSignature: false);

    private static PreparedRequest Resolve(ServerProcess server, string incident) => new(
        "admin",
        new Uri(server.Root, $"api/admin/incidents/{incident}/resolve"),
        "{\"message\":\"Invoices are flowing again\"}"u8.ToArray(),
        "application/json",
        [("Authorization", "Bearer " + AdminToken)],
        BadSignature: false);

    /// <summary>Polls the emulators until every channel has its card and no request has arrived for a while; returns when the last one arrived.</summary>
    private static async Task<(TimeSpan LastRequest, TimeSpan Quiet)> WaitForQuietAsync(DiscordEmulator discord, SlackEmulator slack, Stopwatch opened, IReadOnlyList<StatusBot.Core.Announcing.ChannelRef> refs)
    {
        var quiet = TimeSpan.FromSeconds(5);
        var (count, changed) = (-1, opened.Elapsed);
        while (opened.Elapsed < TimeSpan.FromMinutes(10))
        {
            var now = discord.Requests.Count + slack.Requests.Count;
            if (now != count)
            {
                (count, changed) = (now, opened.Elapsed);
            }

            var allCards = refs.All(r => r.Platform == "discord" ? discord.MessagesIn(r.ChannelId).Count > 0 : slack.TopLevel(r.ChannelId).Count > 0);
            if (allCards && opened.Elapsed - changed >= quiet)
            {
                return (changed, quiet);
            }

            await Task.Delay(100);
        }

        return (changed, opened.Elapsed - changed);
    }
}
