using StatusBot.Core.Announcing;
using StatusBot.Testing.Announcing;

namespace StatusBot.Announcing.Tests;

public sealed class FaultTests
{
    private const string OpenStreaming = "incident open streaming major \"Streaming fails on TV devices\"";

    [Fact]
    public async Task RetryLater_WaitsRetryAfterThenDelivers()
    {
        await using var kit = await AnnounceKit.StartAsync();
        await kit.SubscribeAsync("C1");
        kit.Discord.Script("C1", PublishResult.Retry(TimeSpan.FromSeconds(20), "429 rate limited"));
        await kit.RunAsync(OpenStreaming);

        var next = await kit.PassAsync();
        kit.Bot.Advance(TimeSpan.FromSeconds(19));
        await kit.PassAsync();
        var beforeRetryAfter = kit.Discord.Calls.Count;
        kit.Bot.Advance(TimeSpan.FromSeconds(1));
        await kit.PassAsync();

        Assert.Equal(kit.Bot.Time.GetUtcNow(), next);
        Assert.Equal(1, beforeRetryAfter);
        Assert.Single(kit.Discord.Delivered(PublishCallKind.Post));
        Assert.Empty(await kit.PendingAsync());
    }

    [Fact]
    public async Task RetryLaterStorm_BacksOffExponentially_OneCardInTheEnd()
    {
        var options = new AnnouncementOptions { MaxBackoffSeconds = 60, PollSeconds = 3600 };
        await using var kit = await AnnounceKit.StartAsync(options);
        await kit.SubscribeAsync("C1");
        kit.Discord.Script("C1", [.. Enumerable.Repeat(PublishResult.Retry(null, "503"), 8)]);
        await kit.RunAsync(OpenStreaming);
        var waits = new List<TimeSpan>();

        for (var i = 0; i < 9; i++)
        {
            var next = await kit.PassAsync();
            waits.Add(next - kit.Bot.Time.GetUtcNow());
            kit.Bot.Time.SetUtcNow(next);
        }

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60], waits.Take(8).Select(w => w.TotalSeconds));
        Assert.Equal(9, kit.Discord.Calls.Count);
        Assert.Single(kit.Discord.Delivered(PublishCallKind.Post));
    }

    [Fact]
    public async Task ChannelGone_DisablesTheChannel_AndNeverRetries()
    {
        await using var kit = await AnnounceKit.StartAsync();
        await kit.SubscribeAsync("C1", "C2");
        kit.Discord.Gone("C2");
        await kit.RunAsync(OpenStreaming);

        await kit.PassAsync();
        await kit.RunAsync("incident update INC-1 identified Load balancers");
        kit.Bot.Advance(TimeSpan.FromMinutes(10));
        await kit.PassAsync();

        var channel = kit.Bot.State.Announcements.Channels[ChannelKeys.Of(AnnounceKit.Channel("C2"))];
        Assert.False(channel.IsActive);
        Assert.Equal("404 Unknown Channel", channel.DisabledReason);
        Assert.Single(kit.Discord.Calls, c => c.Channel.ChannelId == "C2");
        Assert.Empty(await kit.PendingAsync());
        Assert.Single(kit.Discord.Delivered(PublishCallKind.Reply), c => c.Channel.ChannelId == "C1");
    }

    [Fact]
    public async Task ChannelGone_WithAnAdminChannel_TellsAdminsThereOnce_EvenAfterMoreGoneAnswers()
    {
        await using var kit = await C2GoneWithAnAdminChannelAsync();

        await kit.PassAsync();
        await kit.PassAsync();
        await kit.RunAsync("incident update INC-1 identified Load balancers");
        await kit.PassAsync();

        var notice = Assert.Single(kit.Slack.Calls);
        Assert.Equal(("OPS", PublishCallKind.Post, PublishOutcome.Delivered), (notice.Channel.ChannelId, notice.Kind, notice.Result.Outcome));
        Assert.Equal("Announcements stopped in a channel", notice.Reply.Title);
        Assert.Contains("discord:G1:C2 refused StatusBot's post (404 Unknown Channel)", notice.Reply.ToPlainText(), StringComparison.Ordinal);
        Assert.Contains("channel subscribe", notice.Reply.ToPlainText(), StringComparison.Ordinal);
        Assert.Empty(await kit.PendingAsync());
        Assert.DoesNotContain(kit.Bot.State.Announcements.Channels.Keys, k => k.Contains("OPS", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChannelGoneAgain_AfterAResubscribe_AdminsAreToldAgain_WithANoticeOfItsOwn()
    {
        await using var kit = await C2GoneWithAnAdminChannelAsync();
        await kit.PassAsync();
        await kit.PassAsync();

        kit.Discord.Back("C2");
        await kit.SubscribeAsync("C2");
        await kit.RunAsync("incident update INC-1 identified Load balancers");
        await kit.PassAsync();
        await kit.PassAsync();
        var whileBack = kit.Slack.Calls.Count;
        var c2Posted = kit.Discord.Delivered(PublishCallKind.Post).Count(c => c.Channel.ChannelId == "C2");

        kit.Bot.Advance(TimeSpan.FromMinutes(5));
        kit.Discord.Gone("C2");
        await kit.RunAsync("incident update INC-1 monitoring Fix deployed");
        await kit.PassAsync();
        await kit.PassAsync();
        await kit.RunAsync("incident update INC-1 monitoring Still watching");
        await kit.PassAsync();

        Assert.Equal(1, whileBack);
        Assert.Equal(1, c2Posted);
        var notices = kit.Slack.Calls;
        Assert.Equal(2, notices.Count);
        Assert.All(notices, n => Assert.Equal(("OPS", PublishCallKind.Post, PublishOutcome.Delivered), (n.Channel.ChannelId, n.Kind, n.Result.Outcome)));
        Assert.NotEqual(notices[0].IdempotencyKey, notices[1].IdempotencyKey);
        Assert.NotEqual(notices[0].Result.MessageId, notices[1].Result.MessageId);
        Assert.False(kit.Bot.State.Announcements.Channels[ChannelKeys.Of(AnnounceKit.Channel("C2"))].IsActive);
        Assert.Empty(await kit.PendingAsync());
    }

    [Fact]
    public async Task AdminChannelGone_TheNoticeFailsForGood_NothingLoops()
    {
        var options = new AnnouncementOptions { AdminChannel = new ChannelOptions { Platform = "discord", ChannelId = "OPS", WorkspaceId = "G1" } };
        await using var kit = await AnnounceKit.StartAsync(options);
        await kit.SubscribeAsync("C2");
        kit.Discord.Gone("C2");
        kit.Discord.Gone("OPS");
        await kit.RunAsync(OpenStreaming);

        await kit.PassAsync();
        await kit.PassAsync();
        await kit.PassAsync();

        Assert.Single(kit.Discord.Calls, c => c.Channel.ChannelId == "OPS");
        Assert.Empty(await kit.PendingAsync());
    }

    [Fact]
    public async Task Rejected_IsRecordedAsFailed_AndNotRetried()
    {
        await using var kit = await AnnounceKit.StartAsync();
        await kit.SubscribeAsync("C1");
        kit.Discord.Script("C1", PublishResult.Rejected("400 invalid body"));
        await kit.RunAsync(OpenStreaming);

        await kit.PassAsync();
        kit.Bot.Advance(TimeSpan.FromMinutes(1));
        await kit.PassAsync();

        Assert.Single(kit.Discord.Calls);
        Assert.Empty(await kit.PendingAsync());
        Assert.Equal(1, (await kit.CardsAsync()).Single().Version);
    }

    /// <summary>C1 and C2 subscribed, C2 gone on Discord, admins in Slack's OPS, the streaming incident opened.</summary>
    private static async Task<AnnounceKit> C2GoneWithAnAdminChannelAsync()
    {
        var options = new AnnouncementOptions { AdminChannel = new ChannelOptions { Platform = "slack", ChannelId = "OPS", WorkspaceId = "T1" } };
        var kit = await AnnounceKit.StartAsync(options);
        await kit.SubscribeAsync("C1", "C2");
        kit.Discord.Gone("C2");
        await kit.RunAsync(OpenStreaming);
        return kit;
    }
}
