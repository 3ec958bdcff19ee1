using Microsoft.Extensions.Time.Testing;
using StatusBot.Slack.Rendering;
using StatusBot.Slack.Tests.Support;
using StatusBot.Slack.WebApi;
using StatusBot.Testing.Slack;

namespace StatusBot.Slack.Tests.WebApi;

public sealed class SlackWebApiClientTests
{
    [Fact]
    public async Task PostMessage_Ok_ReturnsTsAndSendsTheBotTokenAndJson()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        var client = SlackClients.For(emulator);

        var result = await client.PostMessageAsync(Message("C1", "hello"), CancellationToken.None);

        Assert.True(result.Ok);
        Assert.False(string.IsNullOrEmpty(result.Ts));
        var call = Assert.Single(emulator.Calls("chat.postMessage"));
        Assert.Equal("Bearer " + SlackEmulator.BotToken, call.Authorization);
        Assert.Equal("C1", call.Field("channel"));
        Assert.Equal("hello", call.Field("text"));
    }

    [Fact]
    public async Task PostMessage_ErrorEnvelopeFixture_IsATypedFailureNotRetried()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        emulator.Script("chat.postMessage", new SlackScript(Body: Fixtures.Read("slack-chat-postMessage-error.json")));
        var client = SlackClients.For(emulator);

        var result = await client.PostMessageAsync(Message("C1", "x"), CancellationToken.None);

        Assert.Equal(SlackCallOutcome.Failed, result.Outcome);
        Assert.Equal("too_many_attachments", result.Error);
        Assert.Single(emulator.Calls("chat.postMessage"));
    }

    [Fact]
    public async Task PostMessage_SuccessFixture_ReadsChannelAndTs()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        emulator.Script("chat.postMessage", new SlackScript(Body: Fixtures.Read("slack-chat-postMessage-response.json")));
        var client = SlackClients.For(emulator);

        var result = await client.PostMessageAsync(Message("C123ABC456", "x"), CancellationToken.None);

        Assert.True(result.Ok);
        Assert.Equal("1503435956.000247", result.Ts);
        Assert.Equal("C123ABC456", result.Channel);
    }

    [Theory]
    [InlineData("channel_not_found", SlackCallOutcome.ChannelGone)]
    [InlineData("not_in_channel", SlackCallOutcome.ChannelGone)]
    [InlineData("is_archived", SlackCallOutcome.ChannelGone)]
    [InlineData("invalid_auth", SlackCallOutcome.Unauthorized)]
    public async Task PostMessage_PermanentError_NotRetried(string error, SlackCallOutcome expected)
    {
        await using var emulator = await SlackEmulator.StartAsync();
        emulator.Script("chat.postMessage", SlackScript.Error(error), SlackScript.Error(error));
        var client = SlackClients.For(emulator);

        var result = await client.PostMessageAsync(Message("C1", "x"), CancellationToken.None);

        Assert.Equal(expected, result.Outcome);
        Assert.Equal(error, result.Error);
        Assert.Single(emulator.Calls("chat.postMessage"));
    }

    [Fact]
    public async Task PostMessage_ServerErrorsThenOk_RetriedWithBackoffAndDelivered()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        emulator.Script("chat.postMessage", SlackScript.ServerError(503), SlackScript.ServerError(500));
        var client = SlackClients.For(emulator);

        var result = await client.PostMessageAsync(Message("C1", "x"), CancellationToken.None);

        Assert.True(result.Ok);
        var calls = emulator.Calls("chat.postMessage").ToList();
        Assert.Equal([503, 500, 200], calls.Select(c => c.Status));
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(0.9));
    }

    [Fact]
    public async Task PostMessage_ServerError_RetriesOnceTheInjectedClockHasPassedTheBackoff()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        emulator.Script("chat.postMessage", SlackScript.ServerError(503));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = SlackClients.For(emulator, time: time);

        var post = client.PostMessageAsync(Message("C1", "x"), CancellationToken.None);
        await emulator.WaitForAsync(r => r.Any(c => c.Method == "chat.postMessage"));
        // From the first answer on, the clock moves at half of real time: a backoff measured on any other clock ends first.
        var advanced = TimeSpan.Zero;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!post.IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
            time.Advance(TimeSpan.FromMilliseconds(10));
            advanced += TimeSpan.FromMilliseconds(10);
        }

        var result = await post;

        Assert.True(result.Ok);
        Assert.Equal([503, 200], emulator.Calls("chat.postMessage").Select(c => c.Status));
        // The first retry waits at least a second on the injected clock.
        Assert.True(advanced >= TimeSpan.FromSeconds(1), $"retried after {advanced.TotalSeconds} s on the injected clock");
    }

    [Fact]
    public async Task PostMessage_ServerErrorsPastTheCap_Unavailable()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        emulator.Script("chat.postMessage", SlackScript.ServerError(), SlackScript.ServerError(), SlackScript.ServerError());
        var client = SlackClients.For(emulator, o => o.MaxRetries = 2);

        var result = await client.PostMessageAsync(Message("C1", "x"), CancellationToken.None);

        Assert.Equal(SlackCallOutcome.Unavailable, result.Outcome);
        Assert.NotNull(result.RetryAfter);
        Assert.Equal(3, emulator.Calls("chat.postMessage").Count());
    }

    [Fact]
    public async Task PostMessage_SlowAnswerPastTheTimeout_RetriedAndDelivered()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        emulator.Script("chat.postMessage", SlackScript.Slow(TimeSpan.FromSeconds(3)));
        var client = SlackClients.For(emulator, o => o.RequestTimeoutSeconds = 1);

        var result = await client.PostMessageAsync(Message("C1", "x"), CancellationToken.None);

        Assert.True(result.Ok);
        await emulator.WaitForAsync(r => r.Count(c => c.Method == "chat.postMessage") == 2);
    }

    [Fact]
    public async Task PostMessage_RateLimited_WaitsRetryAfterThenDelivers()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        emulator.Script("chat.postMessage", SlackScript.RateLimited(2));
        var client = SlackClients.For(emulator);

        var result = await client.PostMessageAsync(Message("C1", "x"), CancellationToken.None);

        Assert.True(result.Ok);
        var calls = emulator.Calls("chat.postMessage").ToList();
        Assert.Equal([429, 200], calls.Select(c => c.Status));
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(1.95), $"waited only {calls[1].At - calls[0].At}");
    }

    [Fact]
    public async Task PostMessage_RateLimitStorm_EveryPostDeliveredOnceAndNeverFasterThanOnePerSecondPerChannel()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        emulator.Script("chat.postMessage", [.. Enumerable.Repeat(SlackScript.RateLimited(1), 4)]);
        var client = SlackClients.For(emulator);
        var posts = new[] { "C1", "C2", "C3" }.SelectMany(c => Enumerable.Range(1, 3).Select(i => (Channel: c, Text: $"{c} update {i}"))).ToList();

        var results = await Task.WhenAll(posts.Select(p => client.PostMessageAsync(Message(p.Channel, p.Text), CancellationToken.None)));

        Assert.All(results, r => Assert.True(r.Ok));
        var delivered = emulator.Calls("chat.postMessage").Where(c => c.Status == 200).ToList();
        Assert.Equal(posts.Select(p => p.Text).Order(), delivered.Select(d => d.Field("text")!).Order());
        Assert.Equal(4, emulator.Calls("chat.postMessage").Count(c => c.Status == 429));
        foreach (var channel in delivered.GroupBy(d => d.Field("channel")))
        {
            var times = emulator.Calls("chat.postMessage").Where(c => c.Field("channel") == channel.Key).Select(c => c.At).Order().ToList();
            Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromSeconds(0.95), $"{channel.Key}: {pair.Second - pair.First}"));
        }
    }

    [Fact]
    public async Task PostMessage_OverTheWorkspaceBudget_RefusedWith429_EveryPostDeliveredOnceWithinTheBudget()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        emulator.PostsPerSecond = 3;
        var client = SlackClients.For(emulator, o => o.WorkspaceMessagesPerSecond = 100);
        var channels = Enumerable.Range(1, 8).Select(i => $"D{i}").ToList();

        var results = await Task.WhenAll(channels.Select(c => client.PostMessageAsync(Message(c, "news for " + c), CancellationToken.None)));

        Assert.All(results, r => Assert.True(r.Ok));
        Assert.True(emulator.WorkspaceRateViolations > 0, "a client pacing past the workspace budget was never refused");
        Assert.Equal(emulator.WorkspaceRateViolations, emulator.Calls("chat.postMessage").Count(c => c.Status == 429));
        Assert.All(channels, c => Assert.Single(emulator.TopLevel(c)));
        var accepted = emulator.Calls("chat.postMessage").Where(c => c.Status == 200).Select(c => c.At).Order().ToList();
        // The emulator counts its window on its own clock and stamps each call a moment later: a few milliseconds of slack.
        Assert.All(accepted.Zip(accepted.Skip(3)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromSeconds(0.95), $"4 posts within {pair.Second - pair.First}"));
    }

    [Fact]
    public async Task OpenDirect_ManyAtOnce_PacedToTheTierAheadOfTime_NoneRefused()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        emulator.OpenPerMinute = 50;
        var client = SlackClients.For(emulator);
        var users = new[] { "U1", "U2", "U3" };
        emulator.AddUser("U0");

        // The connection is opened first: the pacer spaces the calls it starts, the emulator stamps their arrival.
        Assert.True((await client.UsersInfoAsync("U0", CancellationToken.None)).Ok);
        var results = await Task.WhenAll(users.Select(u => client.OpenDirectAsync(u, CancellationToken.None)));

        Assert.All(results, r => Assert.True(r.Ok));
        Assert.Equal(0, emulator.OpenRateViolations);
        var times = emulator.Calls("conversations.open").Select(c => c.At).Order().ToList();
        Assert.Equal(3, times.Count);
        var spacing = TimeSpan.FromMinutes(1) / SlackWebApiClient.DirectOpensPerMinute;
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second - pair.First >= spacing - TimeSpan.FromMilliseconds(100), $"opened {pair.Second - pair.First} apart"));
    }

    [Fact]
    public async Task UsersInfo_DocumentationFixture_AdminAndName()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        emulator.AddUserAnswer("W012A3CDE", Fixtures.Read("slack-users-info-response.json"));
        var client = SlackClients.For(emulator);

        var result = await client.UsersInfoAsync("W012A3CDE", CancellationToken.None);

        Assert.True(result.Ok);
        Assert.Equal(new SlackUser("W012A3CDE", "spengler", IsWorkspaceAdmin: true, Locale: null), result.User);
        Assert.Contains("include_locale=true", Assert.Single(emulator.Calls("users.info")).Path);
    }

    [Fact]
    public async Task OpenConnection_UsesTheAppToken_ReturnsTheSocketUrl()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        var client = SlackClients.For(emulator);

        var result = await client.OpenConnectionAsync(CancellationToken.None);

        Assert.True(result.Ok);
        Assert.StartsWith("ws://127.0.0.1:", result.Url);
        Assert.Equal("Bearer " + SlackEmulator.AppToken, Assert.Single(emulator.Calls("apps.connections.open")).Authorization);
    }

    [Fact]
    public async Task Respond_UrlOnAnotherHost_RefusedWithoutSending()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        var client = SlackClients.For(emulator);

        var result = await client.RespondAsync("http://169.254.169.254/latest", Message(null, "x"), CancellationToken.None);

        Assert.Equal("invalid_response_url", result.Error);
        Assert.Empty(emulator.Requests);
    }

    private static SlackMessage Message(string? channel, string text) => new() { Channel = channel, Text = text };
}
