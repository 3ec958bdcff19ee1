using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using StatusBot.Slack.Endpoints;
using StatusBot.Testing.Slack;

namespace StatusBot.Host.Tests.Slack;

/// <summary>
/// A crowd mentioning the bot in one channel, as signed Events API deliveries through the real serve app: one answer in
/// the channel, the rest in its thread (naming each asker) or a reaction, and never more than a few answers per minute.
/// </summary>
public sealed class SlackCrowdMentionTests
{
    private const string Channel = "C111";

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task Events_TwentyMentionsAboutOneService_OneAnswerInTheChannelTheRestInItsThreadOrReactedTo()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        await using var host = await SlackHost.StartAsync(emulator, time: _time);
        var mentions = new Dictionary<string, string>();

        for (var i = 0; i < 20; i++)
        {
            var user = Asker(i);
            mentions[user] = await MentionAsync(host, emulator, user, "<@U111> is streaming down?");
        }

        await AnsweredAsync(host, emulator, () => emulator.PostedIn(Channel).Count + emulator.Reactions.Count >= 20);

        var posts = emulator.PostedIn(Channel);
        var conversations = posts.Select(p => p.ThreadTs ?? p.Ts).Distinct().ToList();
        Assert.True(conversations.Count <= 2, $"{conversations.Count} conversations started by the bot");
        var thread = Assert.Single(conversations);
        var first = mentions.Single(m => m.Value == thread).Key;
        var inThread = posts.Where(p => p.Text.StartsWith("<@", StringComparison.Ordinal)).Select(p => p.Text[2..p.Text.IndexOf('>', StringComparison.Ordinal)]).ToList();
        var reacted = emulator.Reactions.Select(r => mentions.Single(m => m.Value == r.Ts).Key).ToList();
        Assert.Equal(10, inThread.Count);
        Assert.All(emulator.Reactions, r => Assert.Equal(SlackEventService.SeenReaction, r.Name));
        Assert.Equal(mentions.Keys.Order(), inThread.Append(first).Concat(reacted).Order());
        Assert.All(posts, p => Assert.Contains("Streaming", p.Blocks!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Events_MentionsAboutDifferentServices_EachAnsweredInItsOwnThread()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        await using var host = await SlackHost.StartAsync(emulator, time: _time);

        var streaming = await MentionAsync(host, emulator, Asker(1), "<@U111> is streaming down?");
        var billing = await MentionAsync(host, emulator, Asker(2), "<@U111> is billing down?");
        var website = await MentionAsync(host, emulator, Asker(3), "<@U111> why is the website slow?");
        await AnsweredAsync(host, emulator, () => emulator.PostedIn(Channel).Count >= 3);

        var threads = emulator.PostedIn(Channel).ToDictionary(p => p.ThreadTs!, p => p.Blocks!);
        Assert.Contains("Streaming", threads[streaming], StringComparison.Ordinal);
        Assert.Contains("Billing", threads[billing], StringComparison.Ordinal);
        Assert.Contains("Website", threads[website], StringComparison.Ordinal);
        Assert.Empty(emulator.Reactions);
    }

    [Fact]
    public async Task Events_PastTheChannelsMessagesPerMinute_ReactsInsteadOfPosting()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        await using var host = await SlackHost.StartAsync(emulator, new Dictionary<string, string?> { ["StatusBot:Chat:ChannelMessagesPerMinute"] = "2" }, _time);

        await MentionAsync(host, emulator, Asker(1), "<@U111> is streaming down?");
        await MentionAsync(host, emulator, Asker(2), "<@U111> is billing down?");
        await MentionAsync(host, emulator, Asker(3), "<@U111> why is the website slow?");
        await AnsweredAsync(host, emulator, () => emulator.PostedIn(Channel).Count + emulator.Reactions.Count >= 3);

        Assert.Equal(2, emulator.PostedIn(Channel).Count);
        var reaction = Assert.Single(emulator.Reactions);
        Assert.Equal(Channel, reaction.Channel);
    }

    [Fact]
    public async Task Events_AfterTheGroupWindow_AFreshAnswerInTheChannel()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        await using var host = await SlackHost.StartAsync(emulator, time: _time);
        var first = await MentionAsync(host, emulator, Asker(1), "<@U111> is streaming down?");
        await AnsweredAsync(host, emulator, () => emulator.PostedIn(Channel).Count >= 1);

        _time.Advance(TimeSpan.FromSeconds(61));
        var later = await MentionAsync(host, emulator, Asker(2), "<@U111> is streaming down?");
        await AnsweredAsync(host, emulator, () => emulator.PostedIn(Channel).Count >= 2);

        Assert.Equal([first, later], emulator.PostedIn(Channel).Select(p => p.ThreadTs));
        Assert.Empty(emulator.Reactions);
    }

    [Fact]
    public async Task Events_DirectMessages_EachAnsweredAsBefore()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        await using var host = await SlackHost.StartAsync(emulator, time: _time);

        var asked = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            asked.Add(await MentionAsync(host, emulator, Asker(i), "is streaming down?", channel: "D111", direct: true));
        }

        await AnsweredAsync(host, emulator, () => emulator.PostedIn("D111").Count >= 5);

        Assert.Equal(asked.Order(), emulator.PostedIn("D111").Select(p => p.ThreadTs!).Order());
        Assert.Empty(emulator.Reactions);
    }

    [Fact]
    public async Task Events_ReactionRateLimited_WaitsOutRetryAfterAndReacts()
    {
        await using var emulator = await SlackEmulator.StartAsync();
        await using var host = await SlackHost.StartAsync(emulator, new Dictionary<string, string?> { ["StatusBot:Chat:ChannelMessagesPerMinute"] = "1" }, _time);
        emulator.Script("reactions.add", SlackScript.RateLimited(3));

        await MentionAsync(host, emulator, Asker(1), "<@U111> is streaming down?");
        await AnsweredAsync(host, emulator, () => emulator.PostedIn(Channel).Count >= 1);
        var second = await MentionAsync(host, emulator, Asker(2), "<@U111> is billing down?");
        await AnsweredAsync(host, emulator, () => emulator.Reactions.Count >= 1);

        Assert.Equal(second, Assert.Single(emulator.Reactions).Ts);
        Assert.Equal([429, 200], emulator.Calls("reactions.add").Select(c => c.Status));
    }

    private static string Asker(int i) => "UASKER" + i.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>The person says it in the channel (so the bot can answer in its thread), then Slack delivers the event, signed.</summary>
    private async Task<string> MentionAsync(SlackHost host, SlackEmulator emulator, string user, string text, string channel = Channel, bool direct = false)
    {
        var ts = emulator.Say(channel, user, text);
        var body = JsonNode.Parse(SlackEventsHostTests.EventFromFixture("slack-socket-mode-events-api.json", text, direct ? "im" : null, direct ? "message" : null))!.AsObject();
        var ev = body["event"]!.AsObject();
        ev["user"] = user;
        ev["ts"] = ts;
        ev["event_ts"] = ts;
        ev["channel"] = channel;
        body["event_id"] = "Ev" + ts.Replace(".", "", StringComparison.Ordinal);

        var response = await host.Client.SendAsync(host.Signer.Request("/slack/events", body.ToJsonString(), _time.GetUtcNow(), json: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ts;
    }

    /// <summary>
    /// Waits for the emulator to have seen the answers, moving the app's clock a second at a time: Slack's pace is one
    /// post per second per channel, and the clock must stay within the group window while the crowd is answered.
    /// </summary>
    private async Task AnsweredAsync(SlackHost host, SlackEmulator emulator, Func<bool> done)
    {
        var start = _time.GetUtcNow();
        while (!done())
        {
            Assert.True(_time.GetUtcNow() - start < TimeSpan.FromSeconds(45), $"not answered in time; the emulator saw: {string.Join(", ", emulator.Requests.Select(r => r.Method))}");
            await Task.Delay(50);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        await host.BackgroundWorkDoneAsync();
    }
}
