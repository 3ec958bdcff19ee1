using System.Net;
using System.Text.Json.Nodes;
using StatusBot.Testing.Slack;

namespace StatusBot.Host.Tests.Slack;

/// <summary>Signed Events API and interactivity deliveries through the real serve app.</summary>
public sealed class SlackEventsHostTests
{
    [Fact]
    public async Task Events_UrlVerificationFixture_EchoesTheChallenge()
    {
        await using var host = await SlackHost.StartAsync();
        var body = Fixtures.Read("slack-url-verification.json");

        var response = await host.Client.SendAsync(host.Signer.Request("/slack/events", body, DateTimeOffset.UtcNow, json: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Events_UnsignedUrlVerification_401()
    {
        await using var host = await SlackHost.StartAsync();
        var body = Fixtures.Read("slack-url-verification.json");

        var response = await host.Client.SendAsync(new SlackSigner("wrong").Request("/slack/events", body, DateTimeOffset.UtcNow, json: true));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Events_AppMentionFixture_AnsweredInTheThread()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        await using var host = await SlackHost.StartAsync(emulator);
        var body = EventFromFixture("slack-socket-mode-events-api.json", "<@U111> is streaming down?");

        var response = await host.Client.SendAsync(host.Signer.Request("/slack/events", body, DateTimeOffset.UtcNow, json: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var requests = await emulator.WaitForAsync(r => r.Any(c => c.Method == "chat.postMessage"));
        var post = requests.Single(c => c.Method == "chat.postMessage");
        Assert.Equal("C111", post.Field("channel"));
        Assert.Equal("1610241741.000200", post.Field("thread_ts"));
        Assert.Contains("Streaming", SlackJson.AllText(post.Json));
    }

    [Theory]
    [InlineData(null, "Équivaut à : status streaming")]
    [InlineData("en-US", "Same as: status streaming")]
    public async Task Events_FrenchMention_InFrenchUnlessTheUsersOwnLocaleSaysOtherwise(string? userLocale, string footer)
    {
        await using var emulator = await SlackEmulator.StartAsync();
        emulator.AddUser("U-PERSON", locale: userLocale);
        await using var host = await SlackHost.StartAsync(emulator);
        var body = EventFromFixture("slack-socket-mode-events-api.json", "<@U111> le streaming est en panne ?");

        await host.Client.SendAsync(host.Signer.Request("/slack/events", body, DateTimeOffset.UtcNow, json: true));

        var requests = await emulator.WaitForAsync(r => r.Any(c => c.Method == "chat.postMessage"));
        Assert.Contains(footer, SlackJson.AllText(requests.Single(c => c.Method == "chat.postMessage").Json), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_FixtureVerbatim_AcknowledgedButNotAnsweredSinceTheAuthorIsTheBotItself()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        await using var host = await SlackHost.StartAsync(emulator);
        var body = JsonNode.Parse(Fixtures.Read("slack-socket-mode-events-api.json"))!["payload"]!.ToJsonString();

        var response = await host.Client.SendAsync(host.Signer.Request("/slack/events", body, DateTimeOffset.UtcNow, json: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.BackgroundWorkDoneAsync();
        Assert.Empty(emulator.Calls("chat.postMessage"));
    }

    [Fact]
    public async Task Events_RetriedDelivery_AnsweredOnce()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        await using var host = await SlackHost.StartAsync(emulator);
        var body = EventFromFixture("slack-socket-mode-events-api.json", "<@U111> why is the website slow?");

        await host.Client.SendAsync(host.Signer.Request("/slack/events", body, DateTimeOffset.UtcNow, json: true));
        var retry = host.Signer.Request("/slack/events", body, DateTimeOffset.UtcNow, json: true);
        retry.Headers.Add("X-Slack-Retry-Num", "1");
        retry.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        var second = await host.Client.SendAsync(retry);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        await emulator.WaitForAsync(r => r.Any(c => c.Method == "chat.postMessage"));
        await host.BackgroundWorkDoneAsync();
        Assert.Single(emulator.Calls("chat.postMessage"));
    }

    [Fact]
    public async Task Events_DirectMessage_AnsweredInTheThread()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        await using var host = await SlackHost.StartAsync(emulator);
        var body = EventFromFixture("slack-socket-mode-events-api-retry.json", "is billing down?", channelType: "im", type: "message");

        await host.Client.SendAsync(host.Signer.Request("/slack/events", body, DateTimeOffset.UtcNow, json: true));

        var requests = await emulator.WaitForAsync(r => r.Any(c => c.Method == "chat.postMessage"));
        Assert.Contains("Billing", SlackJson.AllText(requests.Single(c => c.Method == "chat.postMessage").Json));
    }

    [Fact]
    public async Task Events_MessageInAChannelWithoutMention_Ignored()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        await using var host = await SlackHost.StartAsync(emulator);
        var body = EventFromFixture("slack-socket-mode-events-api-retry.json", "is billing down?");

        var response = await host.Client.SendAsync(host.Signer.Request("/slack/events", body, DateTimeOffset.UtcNow, json: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.BackgroundWorkDoneAsync();
        Assert.Empty(emulator.Calls("chat.postMessage"));
    }

    /// <summary>An Events API body from a Socket Mode fixture's payload, with the text (and kinds) changed.</summary>
    internal static string EventFromFixture(string fixture, string text, string? channelType = null, string? type = null)
    {
        var payload = JsonNode.Parse(Fixtures.Read(fixture))!["payload"]!.AsObject();
        var ev = payload["event"]!.AsObject();
        ev["text"] = text;

        // In the fixtures the event's author is the bot's own user (authorizations[0].user_id): make it a person.
        ev["user"] = "U-PERSON";
        if (channelType is not null)
        {
            ev["channel_type"] = channelType;
        }

        if (type is not null)
        {
            ev["type"] = type;
        }

        return payload.ToJsonString();
    }
}
