using StatusBot.Announcing;
using StatusBot.Core.Announcing;
using StatusBot.Testing.Discord;
using StatusBot.Testing.EndToEnd;
using StatusBot.Testing.Slack;

namespace StatusBot.EndToEnd.Tests;

/// <summary>
/// Faults the platforms really produce, from the emulators over HTTP: every deliverable announcement is delivered once
/// the fault clears, exactly once, within the platforms' limits; a gone channel is disabled, not retried, and reported.
/// </summary>
public sealed class FaultTests
{
    private const string Open = "incident open streaming major \"Streaming fails on TV devices\"";

    [Fact]
    public async Task DiscordGlobal429Storm_EveryCardOnce_NeverAbove50PerSecond()
    {
        await using var rig = await AnnouncingRig.StartAsync();
        var channels = Enumerable.Range(1, 30).Select(AnnouncingRig.DiscordChannel).ToList();
        await rig.SubscribeAsync(channels);
        rig.Discord.Script("/messages", [.. Enumerable.Repeat(Scripted.RateLimited(0.5, global: true), 10)]);

        await rig.RunAsync(Open);
        await rig.SettleAsync();

        Assert.All(channels, c => Assert.Single(rig.Discord.MessagesIn(c.ChannelId)));
        Assert.True(rig.Discord.MaxPerSecond() <= 50, $"{rig.Discord.MaxPerSecond()} requests in one second");
        Assert.Equal(0, rig.Discord.LimitViolations);
    }

    [Fact]
    public async Task DiscordRoute429_5xxAndTimeouts_EveryCardAndReplyOnce()
    {
        await using var rig = await AnnouncingRig.StartAsync(discordSettings: new Dictionary<string, string?> { ["StatusBot:Discord:RequestTimeoutSeconds"] = "0.5" });
        var channels = Enumerable.Range(1, 4).Select(AnnouncingRig.DiscordChannel).ToList();
        await rig.SubscribeAsync(channels);
        rig.Discord.Script($"/channels/{channels[0].ChannelId}/messages", Scripted.RateLimited(1.2), Scripted.RateLimited(0.4));
        rig.Discord.Script($"/channels/{channels[1].ChannelId}/messages", [.. Enumerable.Repeat(Scripted.ServerError(), 5)]);
        rig.Discord.Script($"/channels/{channels[2].ChannelId}/messages", Scripted.Timeout(TimeSpan.FromSeconds(3)), Scripted.Timeout(TimeSpan.FromSeconds(3)));

        await rig.RunAsync(Open);
        await rig.SettleAsync();
        await rig.RunAsync("incident update INC-1 identified Load balancers");
        rig.Discord.Script($"/channels/{channels[3].ChannelId}/messages", [.. Enumerable.Repeat(Scripted.ServerError(503), 5)]);
        await rig.SettleAsync();

        Assert.All(channels, c =>
        {
            var card = Assert.Single(rig.Discord.MessagesIn(c.ChannelId));
            Assert.Single(rig.Discord.MessagesIn(card.Id));
        });
        Assert.Empty(await rig.Announcer.PendingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Slack429_5xxAndLateAnswers_EveryCardOnce_OneMessagePerSecondPerChannel()
    {
        await using var rig = await AnnouncingRig.StartAsync(slack: o => o.RequestTimeoutSeconds = 1);
        var channels = Enumerable.Range(1, 4).Select(n => AnnouncingRig.SlackChannel(n)).ToList();
        var slack = rig.Slack["T1"];
        await rig.SubscribeAsync(channels);
        slack.Script("chat.postMessage", SlackScript.RateLimited(1), SlackScript.ServerError(), SlackScript.ServerError(502));

        // Answered after the client gave up (1 s): the message is posted, the bot does not know. The resend finds it.
        slack.Script("chat.postMessage", SlackScript.Slow(TimeSpan.FromSeconds(1.2)));

        await rig.RunAsync(Open);
        await rig.SettleAsync();
        await rig.RunAsync("incident update INC-1 identified Load balancers");
        await rig.SettleAsync();

        Assert.All(channels, c =>
        {
            var card = Assert.Single(slack.TopLevel(c.ChannelId));
            Assert.Single(slack.Replies(c.ChannelId, card.Ts));
        });
        Assert.NotEmpty(slack.Calls("conversations.history"));
        Assert.Equal(0, slack.ChannelRateViolations);
        Assert.All(channels, c => AssertOnePerSecond(slack.Calls("chat.postMessage").Where(r => r.Status == 200 && r.Field("channel") == c.ChannelId).Select(r => r.At)));
    }

    [Fact]
    public async Task GoneChannels_AreDisabled_NotRetried_AndReportedInTheAdminChannel()
    {
        var options = new AnnouncementOptions { AdminChannel = new ChannelOptions { Platform = "slack", ChannelId = "COPS", WorkspaceId = "T1" } };
        await using var rig = await AnnouncingRig.StartAsync(options);
        var (ok, forbidden, unknown) = (AnnouncingRig.DiscordChannel(1), AnnouncingRig.DiscordChannel(2), AnnouncingRig.DiscordChannel(3));
        var (slackOk, slackGone) = (AnnouncingRig.SlackChannel(1), AnnouncingRig.SlackChannel(2));
        await rig.SubscribeAsync([ok, forbidden, unknown, slackOk, slackGone]);
        rig.Discord.MakeGone(forbidden.ChannelId);
        rig.Discord.MakeGone(unknown.ChannelId, forbidden: false);
        rig.Slack["T1"].MakeGone(slackGone.ChannelId, "not_in_channel");

        await rig.RunAsync(Open);
        await rig.SettleAsync();
        await rig.RunAsync("incident update INC-1 identified Load balancers");
        await rig.SettleAsync();

        var channels = rig.Bot.State.Announcements.Channels;
        Assert.Equal(
            [forbidden, unknown, slackGone],
            channels.Values.Where(c => !c.IsActive).Select(c => c.Channel).OrderBy(c => c.Platform, StringComparer.Ordinal).ThenBy(c => c.ChannelId, StringComparer.Ordinal));
        Assert.Single(rig.Discord.RequestsTo(forbidden.ChannelId));
        Assert.Single(rig.Discord.RequestsTo(unknown.ChannelId));
        Assert.Single(rig.Slack["T1"].Calls("chat.postMessage"), r => r.Field("channel") == slackGone.ChannelId);
        var notices = rig.Slack["T1"].TopLevel("COPS");
        Assert.Equal(3, notices.Count);
        Assert.All([forbidden, unknown, slackGone], c => Assert.Single(notices, n => (n.Text + n.Blocks).Contains(ChannelKeys.Of(c), StringComparison.Ordinal)));
        Assert.Contains(notices, n => (n.Text + n.Blocks).Contains("Missing Access", StringComparison.Ordinal));
        Assert.Single(rig.Discord.MessagesIn(rig.Discord.MessagesIn(ok.ChannelId).Single().Id));
        Assert.Single(rig.Slack["T1"].TopLevel(slackOk.ChannelId));
    }

    private static void AssertOnePerSecond(IEnumerable<TimeSpan> arrivals)
    {
        var times = arrivals.Order().ToList();
        for (var i = 1; i < times.Count; i++)
        {
            Assert.True(times[i] - times[i - 1] >= TimeSpan.FromSeconds(1), $"two posts {(times[i] - times[i - 1]).TotalMilliseconds} ms apart");
        }
    }
}
