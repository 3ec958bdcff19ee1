using Microsoft.Extensions.Time.Testing;
using StatusBot.Core.Announcing;
using StatusBot.Core.Replies;
using StatusBot.Discord.Tests.Support;
using StatusBot.Testing.Discord;

namespace StatusBot.Discord.Tests.Rest;

public sealed class DiscordPublisherTests : IAsyncLifetime
{
    private const string Channel = "1700000000000000001";

    private static readonly ChannelRef Target = new("discord", Channel, DiscordPayloads.GuildId);

    private RestHarness _rest = null!;

    public async Task InitializeAsync() => _rest = await RestHarness.StartAsync();

    public async Task DisposeAsync() => await _rest.DisposeAsync();

    [Fact]
    public async Task PostAsync_Reply_CreatesMessageThatPingsNobody()
    {
        var result = await _rest.Publisher.PostAsync(Target, new Reply { Title = "@everyone Streaming is down" }, new PostOptions(), CancellationToken.None);

        Assert.Equal(PublishOutcome.Delivered, result.Outcome);
        var message = _rest.Emulator.Messages[result.MessageId!];
        Assert.Equal(Channel, message.ChannelId);
        Assert.Empty(message.Body["allowed_mentions"]!["parse"]!.AsArray());
        Assert.Equal("@\u200Beveryone Streaming is down", message.EmbedTitle);
    }

    [Fact]
    public async Task PostAsync_SameIdempotencyKeyTwice_PostsOnce()
    {
        var options = new PostOptions("announcement:INC-1:opened:" + Channel);

        var first = await _rest.Publisher.PostAsync(Target, new Reply { Title = "Opened" }, options, CancellationToken.None);
        var second = await _rest.Publisher.PostAsync(Target, new Reply { Title = "Opened" }, options, CancellationToken.None);

        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Single(_rest.Emulator.Messages);
        var body = _rest.Emulator.RequestsTo("/messages").First().Json!;
        Assert.True(body["enforce_nonce"]!.GetValue<bool>());
        Assert.InRange(body["nonce"]!.GetValue<string>().Length, 1, 25);
    }

    [Fact]
    public async Task EditAsync_PostedMessage_EditsInPlace()
    {
        var posted = await _rest.Publisher.PostAsync(Target, new Reply { Title = "Investigating" }, new PostOptions(), CancellationToken.None);

        var edited = await _rest.Publisher.EditAsync(Target, posted.MessageId!, new Reply { Title = "Resolved" }, CancellationToken.None);

        Assert.Equal(PublishOutcome.Delivered, edited.Outcome);
        Assert.Equal("Resolved", _rest.Emulator.Messages[posted.MessageId!].EmbedTitle);
        Assert.Single(_rest.Emulator.Messages);
    }

    [Fact]
    public async Task ReplyInThreadAsync_NoThreadYet_StartsOneFromTheMessageThenPostsInIt()
    {
        var card = await _rest.Publisher.PostAsync(Target, new Reply { Title = "Streaming outage" }, new PostOptions(), CancellationToken.None);

        var first = await _rest.Publisher.ReplyInThreadAsync(Target, card.MessageId!, null, new Reply { Title = "Update 1" }, new PostOptions(), CancellationToken.None);
        var second = await _rest.Publisher.ReplyInThreadAsync(Target, card.MessageId!, first.ThreadId, new Reply { Title = "Update 2" }, new PostOptions(), CancellationToken.None);

        Assert.Equal(PublishOutcome.Delivered, first.Outcome);
        Assert.Equal(card.MessageId, first.ThreadId);
        Assert.Equal(first.ThreadId, second.ThreadId);
        Assert.Single(_rest.Emulator.RequestsTo("/threads"));
        Assert.Equal(first.ThreadId, _rest.Emulator.Messages[second.MessageId!].ChannelId);
    }

    [Fact]
    public async Task ReplyInThreadAsync_ThreadAlreadyStarted_PostsInTheExistingThread()
    {
        var card = await _rest.Publisher.PostAsync(Target, new Reply { Title = "Streaming outage" }, new PostOptions(), CancellationToken.None);
        await _rest.Publisher.ReplyInThreadAsync(Target, card.MessageId!, null, new Reply { Title = "Update 1" }, new PostOptions(), CancellationToken.None);

        var again = await _rest.Publisher.ReplyInThreadAsync(Target, card.MessageId!, null, new Reply { Title = "Update 2" }, new PostOptions(), CancellationToken.None);

        Assert.Equal(PublishOutcome.Delivered, again.Outcome);
        Assert.Equal(card.MessageId, again.ThreadId);
    }

    [Theory]
    [InlineData(403)]
    [InlineData(404)]
    public async Task PostAsync_ChannelClosedToTheBot_IsGoneAfterOneRequest(int status)
    {
        _rest.Emulator.Script("/channels/", status == 403 ? Scripted.Forbidden() : Scripted.NotFound());

        var result = await _rest.Publisher.PostAsync(Target, new Reply { Title = "x" }, new PostOptions(), CancellationToken.None);

        Assert.Equal(PublishOutcome.ChannelGone, result.Outcome);
        Assert.Single(_rest.Emulator.Requests);
        Assert.Equal(1, _rest.Invalid.InWindow);
    }

    [Fact]
    public async Task PostAsync_WrongToken_IsRejectedNotRetried()
    {
        await using var rest = await RestHarness.StartAsync(token: "wrong");

        var result = await rest.Publisher.PostAsync(Target, new Reply { Title = "x" }, new PostOptions(), CancellationToken.None);

        Assert.Equal(PublishOutcome.Rejected, result.Outcome);
        Assert.Single(rest.Emulator.Requests);
        Assert.Equal(1, rest.Invalid.Total);
    }

    [Fact]
    public async Task PostAsync_TwoServerErrors_RetriesAndDelivers()
    {
        _rest.Emulator.Script("/channels/", Scripted.ServerError(), Scripted.ServerError(503));

        var result = await _rest.Publisher.PostAsync(Target, new Reply { Title = "x" }, new PostOptions(), CancellationToken.None);

        Assert.Equal(PublishOutcome.Delivered, result.Outcome);
        Assert.Equal(3, _rest.Emulator.Requests.Count);
    }

    [Fact]
    public async Task PostAsync_ServerErrorsPastTheCap_AsksToRetryLater()
    {
        _rest.Emulator.Script("/channels/", Scripted.ServerError(), Scripted.ServerError(), Scripted.ServerError(), Scripted.ServerError(), Scripted.ServerError());

        var result = await _rest.Publisher.PostAsync(Target, new Reply { Title = "x" }, new PostOptions(), CancellationToken.None);

        Assert.Equal(PublishOutcome.RetryLater, result.Outcome);
        Assert.Equal(4, _rest.Emulator.Requests.Count);
        Assert.Empty(_rest.Emulator.Messages);
    }

    [Fact]
    public async Task PostAsync_ServerError_RetriesOnceTheInjectedClockHasPassedTheBackoff()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var rest = await RestHarness.StartAsync(time: time);
        rest.Emulator.Script("/channels/", Scripted.ServerError());

        var post = rest.Publisher.PostAsync(Target, new Reply { Title = "x" }, new PostOptions(), CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (rest.Emulator.Requests.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        // From the first answer on, the clock moves at a quarter of real time: a backoff measured on any other clock ends first.
        var advanced = TimeSpan.Zero;
        while (!post.IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
            time.Advance(TimeSpan.FromMilliseconds(5));
            advanced += TimeSpan.FromMilliseconds(5);
        }

        var result = await post;

        Assert.Equal(PublishOutcome.Delivered, result.Outcome);
        Assert.Equal(2, rest.Emulator.Requests.Count);
        // The first retry waits 0.5 s (plus up to 25 % jitter) on the injected clock.
        Assert.True(advanced >= TimeSpan.FromSeconds(0.5), $"retried after {advanced.TotalSeconds} s on the injected clock");
    }

    [Fact]
    public async Task PostAsync_FirstAttemptHangs_TimesOutAndRetries()
    {
        await using var rest = await RestHarness.StartAsync(timeoutSeconds: 0.3);
        rest.Emulator.Script("/channels/", Scripted.Timeout(TimeSpan.FromSeconds(5)));

        var result = await rest.Publisher.PostAsync(Target, new Reply { Title = "x" }, new PostOptions("k1"), CancellationToken.None);

        Assert.Equal(PublishOutcome.Delivered, result.Outcome);
        Assert.Equal(2, rest.Emulator.Requests.Count);
    }

    [Fact]
    public async Task PostAsync_LongRateLimit_HandsTheWaitBackToTheCaller()
    {
        _rest.Emulator.Script("/channels/", Scripted.RateLimited(64.57));

        var result = await _rest.Publisher.PostAsync(Target, new Reply { Title = "x" }, new PostOptions(), CancellationToken.None);

        Assert.Equal(PublishOutcome.RetryLater, result.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(64.57), result.RetryAfter);
        Assert.Single(_rest.Emulator.Requests);
    }
}
