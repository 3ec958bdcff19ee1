using System.Diagnostics;
using System.Globalization;
using StatusBot.Announcing;
using StatusBot.Core.Announcing;
using StatusBot.Testing.EndToEnd;

namespace StatusBot.AnnounceBench;

/// <summary>
/// One platform's fan-out through the real publishers against the loopback emulators (real HTTP, Discord's 50/s global
/// limit and 429s, Slack's one message per second per channel): open, update, resolve; prints one markdown row per phase.
/// </summary>
public static class EmulatorBench
{
    public static async Task RunAsync(string platform, int channels, int workspaces)
    {
        var options = new AnnouncementOptions { PollSeconds = 3600, MaxParallelSends = platform == "discord" ? 64 : 128 };
        await using var rig = await AnnouncingRig.StartAsync(options, slackWorkspaces: platform == "slack" ? workspaces : 1);
        var refs = Enumerable.Range(1, channels)
            .Select(n => platform == "discord" ? AnnouncingRig.DiscordChannel(n) : AnnouncingRig.SlackChannel(n, ((n - 1) % workspaces) + 1))
            .ToList();
        await rig.SubscribeAsync(refs);
        Console.WriteLine();
        Console.WriteLine($"{platform}: {channels} channels{(platform == "slack" ? $" across {workspaces} workspaces" : "")}, MaxParallelSends {options.MaxParallelSends}");
        Console.WriteLine("| phase | seconds | posts | requests | 429s | duplicates | max/s global | min gap per channel (ms) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        await PhaseAsync(rig, platform, refs, "open", "incident open streaming major \"Streaming fails on TV devices\" segments:\"TV, consoles\" users:27000000");
        await PhaseAsync(rig, platform, refs, "update", "incident update INC-1 identified Load balancers in us-east-1 are failing");
        await PhaseAsync(rig, platform, refs, "resolve", "incident resolve INC-1");
    }

    private static async Task PhaseAsync(AnnouncingRig rig, string platform, IReadOnlyList<ChannelRef> refs, string name, string command)
    {
        var before = Counts(rig, platform);
        var started = DateTimeOffset.UtcNow;
        await rig.RunAsync(command);
        var watch = Stopwatch.StartNew();
        await rig.SettleAsync(TimeSpan.FromMinutes(10));
        var seconds = watch.Elapsed.TotalSeconds;
        var after = Counts(rig, platform);
        var duplicates = platform == "discord"
            ? refs.Sum(c => Math.Max(0, rig.Discord.MessagesIn(c.ChannelId).Count - 1))
            : refs.Sum(c => Math.Max(0, rig.SlackOf(c).TopLevel(c.ChannelId).Count - 1));
        var maxGlobal = platform == "discord" ? rig.Discord.MaxPerSecond(r => r.Authenticated && r.At >= started).ToString(CultureInfo.InvariantCulture) : "n/a";
        var gap = platform == "slack" ? MinGapMs(rig, refs) : double.NaN;
        var minGap = double.IsNaN(gap) ? "n/a" : gap.ToString("0", CultureInfo.InvariantCulture);
        Console.WriteLine($"| {name} | {seconds:0.00} | {after.Posts - before.Posts} | {after.Requests - before.Requests} | {after.Throttled - before.Throttled} | {duplicates} | {maxGlobal} | {minGap} |");
    }

    private static (int Posts, int Requests, int Throttled) Counts(AnnouncingRig rig, string platform)
    {
        if (platform == "discord")
        {
            var requests = rig.Discord.Requests;
            return (requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal)), requests.Count, rig.Discord.LimitViolations);
        }

        var slack = rig.Slack.Values.SelectMany(s => s.Requests).ToList();
        return (slack.Count(r => r.Method == "chat.postMessage" && r.Status == 200), slack.Count, slack.Count(r => r.Status == 429));
    }

    /// <summary>The shortest time between two accepted posts in one channel, over all channels.</summary>
    private static double MinGapMs(AnnouncingRig rig, IReadOnlyList<ChannelRef> refs) =>
        refs.Select(c => rig.SlackOf(c).Calls("chat.postMessage").Where(r => r.Status == 200 && r.Field("channel") == c.ChannelId).Select(r => r.At).Order().ToList())
            .Where(times => times.Count > 1)
            .Select(times => times.Zip(times.Skip(1), (a, b) => (b - a).TotalMilliseconds).Min())
            .DefaultIfEmpty(double.NaN)
            .Min();
}
