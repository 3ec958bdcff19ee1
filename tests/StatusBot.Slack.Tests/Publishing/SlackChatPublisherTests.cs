using StatusBot.Core.Announcing;
using StatusBot.Core.Replies;
using StatusBot.Slack.Publishing;
using StatusBot.Slack.Tests.Support;
using StatusBot.Testing.Slack;

namespace StatusBot.Slack.Tests.Publishing;

public sealed class SlackChatPublisherTests
{
    private static readonly ChannelRef Channel = new("slack", "C-STATUS", "T1");

    private static readonly Reply Card = new() { Title = "INC-1 · Streaming fails <!channel>", Severity = Severity.Critical, Lines = ["Investigating"] };

    [Fact]
    public async Task PostAsync_Delivered_ReturnsTsAsMessageAndThread()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        var publisher = new SlackChatPublisher(SlackClients.For(emulator));

        var result = await publisher.PostAsync(Channel, Card, new PostOptions("INC-1:opened"), CancellationToken.None);

        Assert.Equal(PublishOutcome.Delivered, result.Outcome);
        var call = Assert.Single(emulator.Calls("chat.postMessage"));
        Assert.Equal("C-STATUS", call.Field("channel"));
        Assert.Equal(result.MessageId, result.ThreadId);
        Assert.DoesNotContain("<!channel>", call.Json.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditAsync_UsesChatUpdateWithTheTs()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        var publisher = new SlackChatPublisher(SlackClients.For(emulator));
        var posted = await publisher.PostAsync(Channel, Card, new PostOptions(), CancellationToken.None);

        var result = await publisher.EditAsync(Channel, posted.MessageId!, Card with { Lines = ["Identified"] }, CancellationToken.None);

        Assert.Equal(PublishOutcome.Delivered, result.Outcome);
        var call = Assert.Single(emulator.Calls("chat.update"));
        Assert.Equal(posted.MessageId, call.Field("ts"));
        Assert.Equal("C-STATUS", call.Field("channel"));
        Assert.Equal(1, Assert.Single(emulator.TopLevel("C-STATUS")).Edits);
    }

    [Fact]
    public async Task ReplyInThreadAsync_WithoutThread_AddressesTheParent()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        var publisher = new SlackChatPublisher(SlackClients.For(emulator));
        var parent = (await publisher.PostAsync(Channel, Card, new PostOptions(), CancellationToken.None)).MessageId!;

        var result = await publisher.ReplyInThreadAsync(Channel, parent, null, Card, new PostOptions(), CancellationToken.None);

        Assert.Equal(PublishOutcome.Delivered, result.Outcome);
        Assert.Equal(parent, result.ThreadId);
        Assert.Equal(parent, emulator.Calls("chat.postMessage").Last().Field("thread_ts"));
        Assert.Single(emulator.Replies("C-STATUS", parent));
    }

    [Fact]
    public async Task Resend_ThatMayHaveBeenSent_FindsTheEarlierPostByItsKey_AndPostsNothing()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        var publisher = new SlackChatPublisher(SlackClients.For(emulator));
        var first = await publisher.PostAsync(Channel, Card, new PostOptions("sb-key-card"), CancellationToken.None);
        var reply = await publisher.ReplyInThreadAsync(Channel, first.MessageId!, null, Card, new PostOptions("sb-key-reply"), CancellationToken.None);

        var again = await publisher.PostAsync(Channel, Card, new PostOptions("sb-key-card", MayHaveBeenSent: true), CancellationToken.None);
        var replyAgain = await publisher.ReplyInThreadAsync(Channel, first.MessageId!, first.MessageId, Card, new PostOptions("sb-key-reply", MayHaveBeenSent: true), CancellationToken.None);

        Assert.Equal((first.MessageId, reply.MessageId), (again.MessageId, replyAgain.MessageId));
        Assert.Equal(2, emulator.Calls("chat.postMessage").Count());
        Assert.Single(emulator.Calls("conversations.history"));
        Assert.Single(emulator.Calls("conversations.replies"));
        Assert.Equal("sb-key-card", Assert.Single(emulator.TopLevel("C-STATUS")).Key);
    }

    [Fact]
    public async Task Resend_WhenHistoryCannotBeRead_PostsAnyway()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        emulator.Script("conversations.history", SlackScript.Error("missing_scope"));
        var publisher = new SlackChatPublisher(SlackClients.For(emulator));

        var result = await publisher.PostAsync(Channel, Card, new PostOptions("sb-key-card", MayHaveBeenSent: true), CancellationToken.None);

        Assert.Equal(PublishOutcome.Delivered, result.Outcome);
        Assert.Single(emulator.TopLevel("C-STATUS"));
    }

    [Theory]
    [InlineData("channel_not_found", PublishOutcome.ChannelGone)]
    [InlineData("not_in_channel", PublishOutcome.ChannelGone)]
    [InlineData("is_archived", PublishOutcome.ChannelGone)]
    [InlineData("invalid_auth", PublishOutcome.Rejected)]
    [InlineData("invalid_blocks", PublishOutcome.Rejected)]
    public async Task PostAsync_SlackError_MapsToTheAnnouncerOutcome(string error, PublishOutcome expected)
    {
        await using var emulator = await SlackEmulator.StartAsync();
        emulator.Script("chat.postMessage", SlackScript.Error(error));
        var publisher = new SlackChatPublisher(SlackClients.For(emulator));

        var result = await publisher.PostAsync(Channel, Card, new PostOptions(), CancellationToken.None);

        Assert.Equal(expected, result.Outcome);
        Assert.Equal(error, result.Error);
    }

    [Fact]
    public async Task PostAsync_StillRateLimitedAfterTheAllowedWaits_RetryLaterWithRetryAfter()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        emulator.Script("chat.postMessage", SlackScript.RateLimited(1), SlackScript.RateLimited(7));
        var publisher = new SlackChatPublisher(SlackClients.For(emulator, o => o.MaxRateLimitWaits = 1));

        var result = await publisher.PostAsync(Channel, Card, new PostOptions(), CancellationToken.None);

        Assert.Equal(PublishOutcome.RetryLater, result.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(7), result.RetryAfter);
    }
}
