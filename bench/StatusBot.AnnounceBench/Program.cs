using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using StatusBot.AnnounceBench;
using StatusBot.Announcing;
using StatusBot.Core.Commands;
using StatusBot.Testing;

// Fan-out of one incident to N channels (half Discord, half Slack) on the real clock, against publishers that enforce
// Discord's 50 requests/s global limit and Slack's 1 message/s per channel. Usage: dotnet StatusBot.AnnounceBench.dll [channels]
// `emulators [channels] [slack workspaces]`: the real publishers against the loopback emulators instead (see EmulatorBench).
// `followers [--scale S] [--workspaces N] [--parallel N] [--discord-first]`: one incident told to 10,000 Discord and 2,000 Slack followers and
// 1,000 webhook endpoints (times S), the bot in a child process (`followers-bot`, see FollowerBench).
if (args is ["followers-bot", var json])
{
    await FollowerBot.RunAsync(System.Text.Json.JsonSerializer.Deserialize<FollowerPlan>(json)!);
    return;
}

if (args is ["followers", ..])
{
    var settings = new FollowerBench.Settings();
    for (var i = 1; i < args.Length; i += 2)
    {
        if (args[i] == "--discord-first")
        {
            settings = settings with { Mixed = false };
            i--;
            continue;
        }

        if (i + 1 >= args.Length || !double.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            Console.Error.WriteLine($"{args[i]} needs a positive number");
            Environment.ExitCode = 2;
            return;
        }

        settings = args[i] switch
        {
            "--scale" => settings with { Scale = value },
            "--workspaces" => settings with { Workspaces = (int)value },
            "--parallel" => settings with { MaxParallelSends = (int)value },
            _ => throw new ArgumentException($"unknown option {args[i]} (--scale, --workspaces, --parallel, --discord-first)"),
        };
    }

    await FollowerBench.RunAsync(settings);
    return;
}

if (args is ["emulators", ..])
{
    var n = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 500;
    var w = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5;
    await EmulatorBench.RunAsync("discord", n, 1);
    await EmulatorBench.RunAsync("slack", n, w);
    return;
}

var channels = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 500;
var time = TimeProvider.System;
var discord = new RateLimitedPublisher("discord", 50, perChannelOnePerSecond: false, time);
var slack = new RateLimitedPublisher("slack", 0, perChannelOnePerSecond: true, time);
await using var bot = await TestBot.StartAsync(start: time.GetUtcNow());
var options = new AnnouncementOptions { PollSeconds = 3600 };
var renderer = new AnnouncementRenderer(options);
var announcer = new Announcer(bot.Board, [discord, slack], options, renderer, new CadencePlanner(options, renderer), time, NullLogger<Announcer>.Instance);

for (var i = 0; i < channels; i++)
{
    var platform = i % 2 == 0 ? "discord" : "slack";
    var caller = TestBot.Admin() with { Channel = new(platform, $"C{i:D4}", "W1") };
    await bot.Pipeline.RunAsync("channel subscribe", caller);
}

Console.WriteLine($"channels: {channels} ({discord.Platform} {(channels + 1) / 2}, {slack.Platform} {channels / 2}); MaxParallelSends {options.MaxParallelSends}");
Console.WriteLine("| phase | wall time (s) | requests | 429s | duplicates | passes |");
Console.WriteLine("|---|---|---|---|---|---|");
await PhaseAsync("open: post a card in every channel", "incident open streaming major \"Streaming fails on TV devices\"");
await PhaseAsync("update: edit every card + thread reply", "incident update INC-1 identified Load balancers in us-east-1");
await PhaseAsync("resolve: edit every card + resolution reply", "incident resolve INC-1");

async Task PhaseAsync(string name, string command)
{
    var (requests, throttled, dups) = (discord.Requests + slack.Requests, discord.Throttled + slack.Throttled, discord.Duplicates + slack.Duplicates);
    var result = await bot.Pipeline.RunAsync(command, TestBot.Admin());
    if (result.Outcome != CommandOutcome.Changed)
    {
        throw new InvalidOperationException(result.Reply.ToPlainText());
    }

    var watch = Stopwatch.StartNew();
    var passes = 0;
    var pending = 0;
    do
    {
        passes++;
        var next = await announcer.RunOnceAsync(CancellationToken.None);
        var wait = next - time.GetUtcNow();
        pending = (await announcer.PendingAsync(CancellationToken.None)).Count;
        if (pending > 0 && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }
    while (pending > 0);

    Console.WriteLine($"| {name} | {watch.Elapsed.TotalSeconds:0.00} | {discord.Requests + slack.Requests - requests} | {discord.Throttled + slack.Throttled - throttled} | {discord.Duplicates + slack.Duplicates - dups} | {passes} |");
}
