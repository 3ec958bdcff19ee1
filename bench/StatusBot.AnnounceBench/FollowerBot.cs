using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StatusBot.Announcing;
using StatusBot.Core.Announcing;
using StatusBot.Core.Commands;
using StatusBot.Core.Domain;
using StatusBot.Core.Following;
using StatusBot.Core.Text;
using StatusBot.Host.Configuration;
using StatusBot.Host.Webhooks;
using StatusBot.Slack.Publishing;
using StatusBot.Testing;
using StatusBot.Testing.EndToEnd;

namespace StatusBot.AnnounceBench;

/// <summary>
/// The bot side of the <c>followers</c> bench, run as a child process so its peak memory is its own: a board whose
/// followers are made by <c>follow streaming</c> through the chat pipeline (one distinct person each), the real follower
/// notifier (Discord REST client and rate limiter, one Slack Web API client and pacer per workspace) and the real webhook
/// dispatcher (signed Standard Webhooks, configured endpoints), on the real clock. It opens one incident, drains both
/// outboxes, waits for the parent's go, resolves it, drains again. Protocol on stdout: lines starting with <c>@</c>.
/// </summary>
public static class FollowerBot
{
    public static async Task RunAsync(FollowerPlan plan)
    {
        var time = TimeProvider.System;
        await using var bot = await TestBot.StartAsync(start: time.GetUtcNow());
        foreach (var caller in Followers(plan))
        {
            await FollowAsync(bot, caller);
        }

        var follow = new FollowOptions { MaxParallelSends = plan.MaxParallelSends };
        await using var discord = AnnouncingRig.DiscordServices(plan.DiscordUrl);
        var clients = Enumerable.Range(1, plan.Workspaces).ToDictionary(FollowerPlan.Team, w => AnnouncingRig.SlackClient(plan.SlackUrls[w - 1]), StringComparer.Ordinal);
        var slackPublishers = new SlackWorkspaces(clients.ToDictionary(c => c.Key, c => (IChatPublisher)new SlackChatPublisher(c.Value), StringComparer.Ordinal));
        var slackMessengers = new SlackDirectWorkspaces(clients.ToDictionary(c => c.Key, c => (IDirectMessenger)new SlackDirectMessenger(c.Value), StringComparer.Ordinal));
        var notifier = new FollowerNotifier(
            bot.Board,
            [discord.GetRequiredService<IDirectMessenger>(), slackMessengers],
            [discord.GetServices<IChatPublisher>().Single(p => p.Platform == "discord"), slackPublishers],
            follow,
            new FollowerMessages(new AnnouncementRenderer(new AnnouncementOptions()), follow),
            time,
            NullLogger<FollowerNotifier>.Instance);

        var options = new StatusBotOptions();
        options.Webhooks.AllowPrivateNetworks = true;
        options.Webhooks.AllowHttp = true;
        options.Webhooks.Endpoints = [.. Enumerable.Range(0, plan.Endpoints).Select(i => new WebhookEndpointOptions { Url = plan.EndpointUrl(i), Secret = FollowerPlan.Secret(i) })];
        using var sender = new WebhookSender(options.Webhooks, time);
        var dispatcher = new WebhookDispatcher(bot.Board, sender, new WebhookDeliveryLog(options.Webhooks), options, time, NullLogger<WebhookDispatcher>.Instance);

        // The endpoints are brought in line with the configuration before anything happens.
        await dispatcher.RunOnceAsync(CancellationToken.None);
        await notifier.RunOnceAsync(CancellationToken.None);
        Console.WriteLine($"@seeded followers={bot.Board.Current.Following.Follows.Count}");

        using var peak = new HeapPeak();
        var baseline = Proc("VmRSS");
        ResetPeakRss();
        await PhaseAsync(bot, notifier, dispatcher, "open", "incident open streaming major \"Streaming fails on TV devices\"");
        await PhaseAsync(bot, notifier, dispatcher, "resolve", "incident resolve INC-1");
        Console.WriteLine($"@memory baseline_rss_kb={baseline} peak_rss_kb={Proc("VmHWM")} peak_heap_bytes={peak.Max}");
    }

    /// <summary>
    /// The followers in the order they follow: with <see cref="FollowerPlan.Mixed"/> the platforms interleaved in proportion
    /// (as a crowd would), else every Discord follower first, then each Slack workspace's.
    /// </summary>
    private static IEnumerable<Caller> Followers(FollowerPlan plan)
    {
        var discord = plan.DiscordUsers().Select(u => new Caller(new Actor("discord", u, "Follower " + u[^5..]), false, Locales.Resolve("en"), new ChannelRef("discord", "D" + u, null)));
        var slack = Enumerable.Range(1, plan.Workspaces).SelectMany(w => plan.SlackUsers(w).Select(u =>
            new Caller(new Actor("slack", u, "Follower " + u), false, Locales.Resolve("en"), new ChannelRef("slack", "C" + u, FollowerPlan.Team(w)))));
        if (!plan.Mixed)
        {
            return discord.Concat(slack);
        }

        var total = plan.DiscordFollowers + (plan.SlackPerWorkspace * plan.Workspaces);
        return discord.Select((c, i) => (Caller: c, Rank: (double)i / plan.DiscordFollowers))
            .Concat(slack.Select((c, i) => (Caller: c, Rank: (double)i / Math.Max(1, total - plan.DiscordFollowers))))
            .OrderBy(x => x.Rank)
            .Select(x => x.Caller);
    }

    private static async Task FollowAsync(TestBot bot, Caller caller)
    {
        bot.Time.SetUtcNow(DateTimeOffset.UtcNow);
        var result = await bot.RunAsync("follow streaming", caller);
        if (result.Outcome != CommandOutcome.Changed)
        {
            throw new InvalidOperationException($"follow by {caller.Actor.UserId}: {result.Reply.ToPlainText()}");
        }
    }

    private static async Task PhaseAsync(TestBot bot, FollowerNotifier notifier, WebhookDispatcher dispatcher, string name, string command)
    {
        if (Console.ReadLine() != "go")
        {
            throw new InvalidOperationException("the parent did not say go");
        }

        // The board's clock stands at the real time, so the change is newer than the endpoints configured before it.
        bot.Time.SetUtcNow(DateTimeOffset.UtcNow);
        var result = await bot.RunAsync(command);
        if (result.Outcome != CommandOutcome.Changed)
        {
            throw new InvalidOperationException($"'{command}': {result.Reply.ToPlainText()}");
        }

        Console.WriteLine($"@start {name} {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}");
        await Task.WhenAll(
            DrainAsync("direct messages", notifier.RunOnceAsync, notifier.PendingAsync),
            DrainAsync("webhooks", dispatcher.RunOnceAsync, async ct => (await dispatcher.PendingAsync(ct)).Count));
        Console.WriteLine($"@done {name} {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>
    /// Runs passes of one outbox worker as its service would (sleeping until the next is due), until nothing is owed; says
    /// on stderr how much is owed each minute, and gives up after 30 minutes (the bench then counts the rest as lost).
    /// </summary>
    private static async Task DrainAsync(string name, Func<CancellationToken, Task<DateTimeOffset>> pass, Func<CancellationToken, Task<int>> pending)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var told = TimeSpan.Zero;
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        try
        {
            while (true)
            {
                var next = await pass(limit.Token);
                var owed = await pending(limit.Token);
                if (owed == 0)
                {
                    return;
                }

                if (watch.Elapsed - told >= TimeSpan.FromMinutes(1))
                {
                    told = watch.Elapsed;
                    Console.WriteLine($"{name}: {owed} still owed after {watch.Elapsed.TotalSeconds:0} s");
                }

                var wait = next - DateTimeOffset.UtcNow;
                await Task.Delay(wait < TimeSpan.FromMilliseconds(5) ? TimeSpan.FromMilliseconds(5) : wait > TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait, limit.Token);
            }
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            Console.WriteLine($"{name}: gave up after {watch.Elapsed.TotalMinutes:0} minutes");
        }
    }

    /// <summary>A field of <c>/proc/self/status</c> in kB (VmRSS, VmHWM); -1 where there is none.</summary>
    private static long Proc(string field)
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
            return line is null ? -1 : long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
    }

    /// <summary>Resets VmHWM to the current RSS (Linux: 5 to <c>clear_refs</c>), so the peak is the fan-out's, not the seeding's.</summary>
    private static void ResetPeakRss()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine("VmHWM could not be reset; the peak includes the seeding: " + ex.Message);
        }
    }

    /// <summary>Samples the managed heap every 50 ms and keeps the largest.</summary>
    private sealed class HeapPeak : IDisposable
    {
        private readonly Timer _timer;
        private long _max;

        public HeapPeak() => _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(50));

        public long Max
        {
            get
            {
                Sample();
                return Interlocked.Read(ref _max);
            }
        }

        public void Dispose() => _timer.Dispose();

        private void Sample()
        {
            var now = GC.GetTotalMemory(false);
            long seen;
            while (now > (seen = Interlocked.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, seen) != seen)
            {
            }
        }
    }
}

/// <summary>Direct messages on several Slack workspaces: each person's channel is opened by their own workspace's client.</summary>
public sealed class SlackDirectWorkspaces(IReadOnlyDictionary<string, IDirectMessenger> byWorkspace) : IDirectMessenger
{
    public string Platform => "slack";

    public Task<PublishResult> OpenAsync(DirectRecipient recipient, CancellationToken cancellationToken) =>
        byWorkspace.TryGetValue(recipient.WorkspaceId ?? "", out var messenger)
            ? messenger.OpenAsync(recipient, cancellationToken)
            : throw new InvalidOperationException("no Slack workspace " + recipient.WorkspaceId);
}
