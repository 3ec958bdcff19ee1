using StatusBot.Core.Board;
using StatusBot.Monitoring;
using StatusBot.Testing.EndToEnd;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace StatusBot.EndToEnd.Tests;

/// <summary>
/// The outage story end to end: the real announcer, the real Discord and Slack publishers, the emulators over HTTP with
/// Discord's and Slack's limits. What each channel ends up showing is read back from the emulators.
/// </summary>
public sealed class OutageStoryTests
{
    private static readonly string[] Story =
    [
        "incident update INC-1 identified Load balancers in us-east-1 are failing",
        "incident cause INC-1 confirmed AWS Elastic Load Balancing state was deleted in us-east-1",
        "incident resolve INC-1 Streaming is back for everyone",
    ];

    [Fact]
    public async Task AdminOpenedOutage_ReachesEveryChannel_EditsCardsInPlace_RepliesInThreads_AndPostsTheResolution()
    {
        await using var rig = await AnnouncingRig.StartAsync(slackWorkspaces: 2);
        var discord = Enumerable.Range(1, 3).Select(AnnouncingRig.DiscordChannel).ToList();
        var slack = new[] { AnnouncingRig.SlackChannel(1, 1), AnnouncingRig.SlackChannel(2, 1), AnnouncingRig.SlackChannel(1, 2) };
        await rig.SubscribeAsync([.. discord, .. slack]);

        await rig.RunAsync("incident open streaming major \"Streaming fails on TV devices\" segments:\"TV, consoles\" users:27000000");
        await rig.SettleAsync();
        var cardsAfterOpen = discord.Select(c => rig.Discord.MessagesIn(c.ChannelId).Count)
            .Concat(slack.Select(c => rig.SlackOf(c).TopLevel(c.ChannelId).Count)).ToList();
        foreach (var command in Story)
        {
            await rig.RunAsync(command);
            await rig.SettleAsync();
        }

        Assert.All(cardsAfterOpen, n => Assert.Equal(1, n));
        foreach (var channel in discord)
        {
            var card = Assert.Single(rig.Discord.MessagesIn(channel.ChannelId));
            Assert.Contains("Resolved", card.Body.ToJsonString(), StringComparison.Ordinal);
            var replies = rig.Discord.MessagesIn(card.Id).Select(m => m.Body.ToJsonString()).ToList();
            // The cause is not a timeline entry: it shows on the card and in the resolution, not as a reply of its own.
            Assert.Equal(2, replies.Count);
            AssertResolution(replies[^1]);
        }

        foreach (var channel in slack)
        {
            var card = Assert.Single(rig.SlackOf(channel).TopLevel(channel.ChannelId));
            Assert.Equal(2, card.Edits);
            var replies = rig.SlackOf(channel).Replies(channel.ChannelId, card.Ts);
            Assert.Equal(2, replies.Count);
            AssertResolution(replies[^1].Text + replies[^1].Blocks);
        }

        Assert.Equal(0, rig.Discord.LimitViolations);
        Assert.All(rig.Slack.Values, s => Assert.Equal(0, s.ChannelRateViolations));
        Assert.Empty(await rig.Announcer.PendingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ProbeFailures_OpenTheIncidentThroughThePolicy_AndTheCardReachesBothPlatforms()
    {
        await using var rig = await AnnouncingRig.StartAsync();
        var channels = new[] { AnnouncingRig.DiscordChannel(1), AnnouncingRig.SlackChannel(1) };
        await rig.SubscribeAsync(channels);
        var policy = new MonitoringPolicy(_ => new PolicyThresholds(FailureThreshold: 3), TimeSpan.FromMinutes(10));

        for (var i = 0; i < 3; i++)
        {
            rig.Bot.Advance(TimeSpan.FromSeconds(30));
            var observation = new Observation("streaming", ProbeOutcome.Down, rig.Bot.Time.GetUtcNow(), "HTTP 503");
            await rig.Bot.Board.ExecuteAsync(s => Decision.Apply(policy.Decide(s, observation)), CancellationToken.None);
        }

        await rig.SettleAsync();

        var incident = Assert.Single(rig.Bot.State.OpenIncidents);
        Assert.True(incident.Automatic);
        Assert.Equal(rig.Bot.Time.GetUtcNow() + TimeSpan.FromMinutes(10), incident.NextUpdateDue);
        var discordCard = Assert.Single(rig.Discord.MessagesIn(channels[0].ChannelId));
        var slackCard = Assert.Single(rig.SlackOf(channels[1]).TopLevel(channels[1].ChannelId));
        Assert.Equal("INC-1 · Streaming is unavailable", discordCard.EmbedTitle);
        Assert.Contains("Streaming is unavailable", slackCard.Text + slackCard.Blocks, StringComparison.Ordinal);
        Assert.DoesNotContain("HTTP 503", discordCard.Body.ToJsonString() + slackCard.Text + slackCard.Blocks, StringComparison.Ordinal);
    }

    private static void AssertResolution(string text)
    {
        Assert.Contains("Resolved after", text, StringComparison.Ordinal);
        Assert.Contains("Affected: Streaming", text, StringComparison.Ordinal);
        Assert.Contains("TV, consoles", text, StringComparison.Ordinal);
        Assert.Contains("27", text, StringComparison.Ordinal);
        Assert.Contains("AWS Elastic Load Balancing state was deleted", text, StringComparison.Ordinal);
    }
}
