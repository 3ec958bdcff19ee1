using StatusBot.Testing.EndToEnd;

namespace StatusBot.EndToEnd.Tests;

/// <summary>A published postmortem reaches each channel once, in the incident's thread, through the real publishers.</summary>
public sealed class PostmortemAnnouncementTests
{
    [Fact]
    public async Task Publish_RepliesOnceInEachThread_EditsAfterwardPostNothing_RepublishingPostsAgain()
    {
        await using var rig = await AnnouncingRig.StartAsync();
        var discord = AnnouncingRig.DiscordChannel(1);
        var slack = AnnouncingRig.SlackChannel(1);
        await rig.SubscribeAsync([discord, slack]);
        await rig.RunAsync("incident open streaming major \"Streaming fails on TV devices\"");
        await rig.SettleAsync();
        await rig.RunAsync("incident resolve INC-1 Streaming is back for everyone");
        await rig.SettleAsync();
        await rig.RunAsync("incident postmortem INC-1");
        await rig.RunAsync("incident postmortem INC-1 edit ## What comes next\nWe now keep **two** copies of the load balancer state.");
        await rig.SettleAsync();
        var discordCard = Assert.Single(rig.Discord.MessagesIn(discord.ChannelId));
        var slackCard = Assert.Single(rig.SlackOf(slack).TopLevel(slack.ChannelId));
        var before = (rig.Discord.MessagesIn(discordCard.Id).Count, rig.SlackOf(slack).Replies(slack.ChannelId, slackCard.Ts).Count);

        await rig.RunAsync("incident postmortem INC-1 publish");
        await rig.SettleAsync();
        await rig.RunAsync("incident postmortem INC-1 edit We now keep two copies of the state, checked every hour.");
        await rig.SettleAsync();

        // A draft and an edit post nothing; the publication is one reply per thread; the edit after it, none.
        var discordReplies = rig.Discord.MessagesIn(discordCard.Id).Select(m => m.Body.ToJsonString()).ToList();
        var slackReplies = rig.SlackOf(slack).Replies(slack.ChannelId, slackCard.Ts);
        Assert.Equal(before.Item1 + 1, discordReplies.Count);
        Assert.Equal(before.Item2 + 1, slackReplies.Count);
        Assert.Contains("The postmortem of INC-1 is published:", discordReplies[^1], StringComparison.Ordinal);
        Assert.Contains("We now keep two copies of the load balancer state.", discordReplies[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("**", discordReplies[^1], StringComparison.Ordinal);
        Assert.Contains("The postmortem of INC-1 is published:", slackReplies[^1].Text + slackReplies[^1].Blocks, StringComparison.Ordinal);
        Assert.Single(rig.Discord.MessagesIn(discord.ChannelId));
        Assert.Single(rig.SlackOf(slack).TopLevel(slack.ChannelId));

        await rig.RunAsync("incident postmortem INC-1 publish");
        await rig.SettleAsync();

        Assert.Equal(before.Item1 + 2, rig.Discord.MessagesIn(discordCard.Id).Count);
        var republished = rig.SlackOf(slack).Replies(slack.ChannelId, slackCard.Ts);
        Assert.Equal(before.Item2 + 2, republished.Count);
        Assert.Contains("checked every hour", republished[^1].Text + republished[^1].Blocks, StringComparison.Ordinal);
    }
}
