using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using StatusBot.Testing.Discord;
using StatusBot.Testing.Slack;
using StatusBot.Testing.Webhooks;

namespace StatusBot.AnnounceBench;

/// <summary>
/// One incident told to its followers and webhook endpoints, against the loopback emulators with the platforms' limits:
/// Discord 50 requests/s global (the DM channel is opened with <c>POST /users/@me/channels</c>, then the message posted),
/// Slack per workspace and per method (<c>conversations.open</c> Tier 3, 50 a minute; <c>chat.postMessage</c> one a second
/// per channel and a workspace budget a second), webhooks to receivers without a limit. The bot runs as a child process
/// (<see cref="FollowerBot"/>) so its peak memory is its own. For each phase (open: first news, a DM channel to open per
/// person; resolve: the channel is kept) and kind, prints the time to the last delivery against the floor the limits
/// allow, requests, 429s, recipients left without their message, and extra messages.
/// </summary>
public static class FollowerBench
{
    public sealed record Settings(double Scale = 1, int Workspaces = 5, int Receivers = 4, int MaxParallelSends = 64, int SlackOpensPerMinute = 50, int SlackPostsPerSecond = 10, bool Mixed = true);

    private sealed record Snapshot(int DiscordRequests, int DiscordThrottled, int SlackRequests, int SlackThrottled, int Webhooks);

    public static async Task RunAsync(Settings settings)
    {
        await using var discord = await DiscordEmulator.StartAsync();
        var slack = new List<SlackEmulator>();
        var receivers = new List<WebhookReceiver>();
        try
        {
            for (var w = 0; w < settings.Workspaces; w++)
            {
                var emulator = await SlackEmulator.StartAsync();
                emulator.EnforceChannelRate = true;
                emulator.OpenPerMinute = settings.SlackOpensPerMinute;
                emulator.PostsPerSecond = settings.SlackPostsPerSecond;
                slack.Add(emulator);
            }

            for (var r = 0; r < settings.Receivers; r++)
            {
                receivers.Add(await WebhookReceiver.StartAsync());
            }

            var plan = new FollowerPlan(
                discord.ApiBaseUrl,
                [.. slack.Select(s => s.BaseUrl)],
                [.. receivers.Select(r => r.Url(""))],
                Scaled(10_000, settings.Scale),
                Scaled(2_000, settings.Scale) / settings.Workspaces,
                Scaled(1_000, settings.Scale),
                settings.MaxParallelSends,
                settings.Mixed);
            await RunWithBotAsync(plan, settings, discord, slack, receivers);
        }
        finally
        {
            foreach (var emulator in slack)
            {
                await emulator.DisposeAsync();
            }

            foreach (var receiver in receivers)
            {
                await receiver.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// The earliest the last of <paramref name="requests"/> can be sent when at most <paramref name="limit"/> are allowed in
    /// any <paramref name="window"/> (a full window may go at once): (⌈requests / limit⌉ − 1) windows.
    /// </summary>
    public static double Floor(int requests, int limit, TimeSpan window) =>
        requests <= 0 ? 0 : ((requests + limit - 1) / limit - 1) * window.TotalSeconds;

    private static int Scaled(int full, double scale) => Math.Max(1, (int)Math.Round(full * scale));

    private static async Task RunWithBotAsync(FollowerPlan plan, Settings settings, DiscordEmulator discord, List<SlackEmulator> slack, List<WebhookReceiver> receivers)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(FollowerBench).Assembly.Location);
        info.ArgumentList.Add("followers-bot");
        info.ArgumentList.Add(JsonSerializer.Serialize(plan));
        using var bot = Process.Start(info) ?? throw new InvalidOperationException("could not start the bot process");
        try
        {
            var slackFollowers = plan.SlackPerWorkspace * plan.Workspaces;
            Console.WriteLine($"followers: Discord {plan.DiscordFollowers}, Slack {slackFollowers} ({plan.SlackPerWorkspace} in each of {plan.Workspaces} workspaces), webhook endpoints {plan.Endpoints} on {receivers.Count} receivers; Follow:MaxParallelSends {plan.MaxParallelSends}, Webhooks:MaxParallelSends 64; follow order {(plan.Mixed ? "mixed" : "Discord first")}");
            Console.WriteLine($"limits: Discord {discord.GlobalLimit}/s global; Slack per workspace conversations.open {settings.SlackOpensPerMinute}/min, chat.postMessage 1/s per channel and {settings.SlackPostsPerSecond}/s");
            Console.WriteLine($"load average before: {LoadAverage()}");
            var seeded = await ExpectAsync(bot, "@seeded");
            Console.WriteLine($"bot: {seeded}");
            Console.WriteLine();
            Console.WriteLine("| phase | kind | recipients | floor (s) | measured (s) | ratio | requests | 429s | lost | duplicates |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
            var anchor = (Wall: DateTimeOffset.UtcNow, Slack: slack.Select(s => s.Elapsed).ToList());
            var expected = 0;
            foreach (var phase in new[] { "open", "resolve" })
            {
                expected++;
                var before = Take(discord, slack, receivers);
                await bot.StandardInput.WriteLineAsync("go");
                await bot.StandardInput.FlushAsync();
                var start = Millis(await ExpectAsync(bot, "@start " + phase));
                await ExpectAsync(bot, "@done " + phase);
                var after = Take(discord, slack, receivers);
                var first = phase == "open";

                // Discord: every request is global-limited; a first message costs the DM channel and the post.
                var users = plan.DiscordUsers().ToList();
                var byChannel = discord.Messages.Values.GroupBy(m => m.ChannelId).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
                var counts = users.Select(u => discord.DirectChannelOf(u) is { } c && byChannel.TryGetValue(c, out var n) ? n : 0).ToList();
                var lastDiscord = discord.Requests.Where(r => r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal) && r.At >= start).Select(r => r.At).DefaultIfEmpty(start).Max();
                Row(phase, "Discord DM", users.Count, Floor(users.Count * (first ? 2 : 1), discord.GlobalLimit, TimeSpan.FromSeconds(1)), (lastDiscord - start).TotalSeconds, after.DiscordRequests - before.DiscordRequests, after.DiscordThrottled - before.DiscordThrottled, counts, expected);

                // Slack: each workspace has its own limits, so the floor is one workspace's.
                var slackCounts = new List<int>();
                var lastSlack = start;
                for (var w = 1; w <= plan.Workspaces; w++)
                {
                    var emulator = slack[w - 1];
                    var byDm = emulator.Messages.GroupBy(m => m.Channel).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
                    slackCounts.AddRange(plan.SlackUsers(w).Select(u => byDm.GetValueOrDefault(SlackEmulator.DirectChannelOf(u))));
                    var offset = anchor.Slack[w - 1];
                    var last = emulator.Calls("chat.postMessage").Where(r => r.Status == 200).Select(r => anchor.Wall + (r.At - offset)).DefaultIfEmpty(start).Max();
                    lastSlack = last > lastSlack ? last : lastSlack;
                }

                var slackFloor = Math.Max(
                    first ? Floor(plan.SlackPerWorkspace, settings.SlackOpensPerMinute, TimeSpan.FromMinutes(1)) : 0,
                    Floor(plan.SlackPerWorkspace, settings.SlackPostsPerSecond, TimeSpan.FromSeconds(1)));
                Row(phase, "Slack DM", slackFollowers, slackFloor, (lastSlack - start).TotalSeconds, after.SlackRequests - before.SlackRequests, after.SlackThrottled - before.SlackThrottled, slackCounts, expected);

                // Webhooks: one incident message per change to each endpoint, signed with its own secret.
                var all = receivers.SelectMany(r => r.Received).Where(h => h.AnsweredWith == 200).ToList();
                var byPath = all.GroupBy(h => h.Path).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
                var hookCounts = new List<int>();
                var badSignatures = 0;
                for (var i = 0; i < plan.Endpoints; i++)
                {
                    var got = byPath.GetValueOrDefault("/hooks/" + FollowerPlan.EndpointName(i)) ?? [];
                    var incident = got.Where(h => h.Json["incident"] is not null).ToList();
                    badSignatures += incident.Count(h => !WebhookReceiver.Verify(FollowerPlan.Secret(i), h));
                    hookCounts.Add(incident.Count(h => WebhookReceiver.Verify(FollowerPlan.Secret(i), h)));
                }

                var lastHook = all.Where(h => h.ArrivedAt >= start && h.Json["incident"] is not null).Select(h => h.ArrivedAt).DefaultIfEmpty(start).Max();
                Row(phase, "webhook", plan.Endpoints, double.NaN, (lastHook - start).TotalSeconds, after.Webhooks - before.Webhooks, 0, hookCounts, expected);
                Console.WriteLine($"| {phase} | Slack 429s by limit (run so far): conversations.open {slack.Sum(e => e.OpenRateViolations)}, chat.postMessage workspace {slack.Sum(e => e.WorkspaceRateViolations)}, per channel {slack.Sum(e => e.ChannelRateViolations)} | | | | | | | | |");
                if (badSignatures > 0)
                {
                    Console.WriteLine($"| {phase} | webhook signatures that did not verify: {badSignatures} | | | | | | | | |");
                }
            }

            var memory = await ExpectAsync(bot, "@memory");
            await bot.WaitForExitAsync();
            Console.WriteLine();
            Console.WriteLine($"bot process: {Memory(memory)}; exit code {bot.ExitCode}");
            Console.WriteLine($"load average after: {LoadAverage()}");
        }
        finally
        {
            if (!bot.HasExited)
            {
                bot.Kill(entireProcessTree: true);
            }
        }
    }

    private static void Row(string phase, string kind, int recipients, double floor, double measured, int requests, int throttled, IReadOnlyList<int> counts, int expected)
    {
        var lost = counts.Count(n => n < expected);
        var duplicates = counts.Sum(n => Math.Max(0, n - expected));
        var floorText = double.IsNaN(floor) ? "—" : floor.ToString("0", CultureInfo.InvariantCulture);
        var ratio = double.IsNaN(floor) || floor <= 0 ? "—" : (measured / floor).ToString("0.00", CultureInfo.InvariantCulture);
        Console.WriteLine($"| {phase} | {kind} | {recipients} | {floorText} | {measured:0.0} | {ratio} | {requests} | {throttled} | {lost} | {duplicates} |");
    }

    private static Snapshot Take(DiscordEmulator discord, List<SlackEmulator> slack, List<WebhookReceiver> receivers)
    {
        var slackRequests = slack.SelectMany(s => s.Requests).ToList();
        return new Snapshot(
            discord.Requests.Count(r => r.Authenticated),
            discord.LimitViolations,
            slackRequests.Count,
            slackRequests.Count(r => r.Status == 429),
            receivers.Sum(r => r.Received.Count));
    }

    private static async Task<string> ExpectAsync(Process bot, string prefix)
    {
        while (await bot.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line[prefix.Length..].Trim();
            }

            Console.Error.WriteLine("bot: " + line);
        }

        await bot.WaitForExitAsync();
        throw new InvalidOperationException($"the bot process ended (exit code {bot.ExitCode}) before '{prefix}'");
    }

    private static DateTimeOffset Millis(string text) => DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(text, CultureInfo.InvariantCulture));

    private static string Memory(string line)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(f => f.Split('=')).ToDictionary(f => f[0], f => long.Parse(f[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        return string.Create(CultureInfo.InvariantCulture, $"peak RSS {fields["peak_rss_kb"] / 1024.0:0} MiB (RSS {fields["baseline_rss_kb"] / 1024.0:0} MiB after seeding), peak managed heap {fields["peak_heap_bytes"] / 1048576.0:0} MiB");
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
