using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StatusBot.Core.Chat;
using StatusBot.Discord.Gateway;
using StatusBot.Discord.Tests.Support;
using StatusBot.Testing.Discord;

namespace StatusBot.Discord.Tests.Gateway;

/// <summary>
/// A crowd mentioning the bot in one guild channel over the gateway: one reply in the channel, the rest in a thread started
/// from it (pinging each asker alone) or a reaction, and never more than a few replies per minute.
/// </summary>
public sealed class GatewayCrowdMentionTests
{
    private const string Channel = "1800000000000000001";
    private static readonly Dictionary<string, string?> UseGateway = new() { ["StatusBot:Discord:UseGateway"] = "true" };

    [Fact]
    public async Task MessageCreate_TwentyMentionsAboutOneService_OneReplyInTheChannelTheRestInItsThreadOrReactedTo()
    {
        await using var app = await StartAsync(new MentionReplySettings(TimeSpan.FromMinutes(10), 3, 10));
        var mentions = Enumerable.Range(0, 20).ToDictionary(MessageId, Asker);

        foreach (var (id, author) in mentions)
        {
            app.Emulator.Dispatch("MESSAGE_CREATE", Mention(id, author, "<@1> is streaming down?"));
        }

        await WaitUntilAsync(app, () => Posted(app).Count + app.Emulator.Reactions.Count >= 20);

        var inChannel = app.Emulator.MessagesIn(Channel);
        Assert.True(inChannel.Count <= 2, $"{inChannel.Count} replies in the channel");
        var first = Assert.Single(inChannel);
        var firstMention = first.Body["message_reference"]!["message_id"]!.GetValue<string>();
        var inThread = app.Emulator.MessagesIn(first.Id);
        Assert.Equal(10, inThread.Count);
        Assert.All(inThread, m => Assert.Equal($"<@{m.Body["allowed_mentions"]!["users"]![0]!.GetValue<string>()}>", m.Body["content"]!.GetValue<string>()));
        Assert.All(inThread, m => Assert.Empty(m.Body["allowed_mentions"]!["parse"]!.AsArray()));
        Assert.All(inThread, m => Assert.Contains("Streaming", m.EmbedTitle, StringComparison.Ordinal));
        Assert.All(app.Emulator.Reactions, r => Assert.Equal((Channel, GatewayDispatcher.SeenReaction), (r.ChannelId, r.Emoji)));
        var answered = inThread.Select(m => m.Body["allowed_mentions"]!["users"]![0]!.GetValue<string>())
            .Append(mentions[firstMention])
            .Concat(app.Emulator.Reactions.Select(r => mentions[r.MessageId]));
        Assert.Equal(mentions.Values.Order(), answered.Order());
        Assert.Single(app.Emulator.RequestsTo("/threads"));
    }

    [Fact]
    public async Task MessageCreate_MentionsAboutDifferentServices_EachRepliedToInTheChannel()
    {
        await using var app = await StartAsync(MentionReplySettings.Default);

        app.Emulator.Dispatch("MESSAGE_CREATE", Mention(MessageId(1), Asker(1), "<@1> is streaming down?"));
        app.Emulator.Dispatch("MESSAGE_CREATE", Mention(MessageId(2), Asker(2), "<@1> is billing down?"));
        app.Emulator.Dispatch("MESSAGE_CREATE", Mention(MessageId(3), Asker(3), "<@1> why is the website slow?"));
        await WaitUntilAsync(app, () => Posted(app).Count >= 3);

        var replies = app.Emulator.MessagesIn(Channel).ToDictionary(m => m.Body["message_reference"]!["message_id"]!.GetValue<string>(), m => m.EmbedTitle!);
        Assert.Contains("Streaming", replies[MessageId(1)], StringComparison.Ordinal);
        Assert.Contains("Billing", replies[MessageId(2)], StringComparison.Ordinal);
        Assert.Contains("Website", replies[MessageId(3)], StringComparison.Ordinal);
        Assert.Empty(app.Emulator.Reactions);
    }

    [Fact]
    public async Task MessageCreate_PastTheChannelsMessagesPerMinute_ReactsInsteadOfReplying()
    {
        await using var app = await StartAsync(new MentionReplySettings(TimeSpan.FromSeconds(60), 2, 10));

        app.Emulator.Dispatch("MESSAGE_CREATE", Mention(MessageId(1), Asker(1), "<@1> is streaming down?"));
        app.Emulator.Dispatch("MESSAGE_CREATE", Mention(MessageId(2), Asker(2), "<@1> is billing down?"));
        app.Emulator.Dispatch("MESSAGE_CREATE", Mention(MessageId(3), Asker(3), "<@1> why is the website slow?"));
        await WaitUntilAsync(app, () => Posted(app).Count + app.Emulator.Reactions.Count >= 3);

        Assert.Equal(2, app.Emulator.MessagesIn(Channel).Count);
        Assert.Single(app.Emulator.Reactions);
    }

    [Fact]
    public async Task MessageCreate_AfterTheGroupWindow_AFreshReplyInTheChannel()
    {
        await using var app = await StartAsync(MentionReplySettings.Default);
        app.Emulator.Dispatch("MESSAGE_CREATE", Mention(MessageId(1), Asker(1), "<@1> is streaming down?"));
        await WaitUntilAsync(app, () => Posted(app).Count >= 1);

        app.Time.Advance(TimeSpan.FromSeconds(61));
        app.Emulator.Dispatch("MESSAGE_CREATE", Mention(MessageId(2), Asker(2), "<@1> is streaming down?"));
        await WaitUntilAsync(app, () => Posted(app).Count >= 2);

        var replied = app.Emulator.MessagesIn(Channel).Select(m => m.Body["message_reference"]!["message_id"]!.GetValue<string>()).Order();
        Assert.Equal([MessageId(1), MessageId(2)], replied);
        Assert.Empty(app.Emulator.Reactions);
    }

    [Fact]
    public async Task MessageCreate_DirectMessages_EachRepliedToAsBefore()
    {
        await using var app = await StartAsync(new MentionReplySettings(TimeSpan.FromSeconds(60), 1, 0));

        for (var i = 0; i < 4; i++)
        {
            app.Emulator.Dispatch("MESSAGE_CREATE", Mention(MessageId(i), Asker(i), "is streaming down?", direct: true));
        }

        await WaitUntilAsync(app, () => Posted(app).Count >= 4);

        var replied = app.Emulator.MessagesIn(Channel).Select(m => m.Body["message_reference"]!["message_id"]!.GetValue<string>()).Order();
        Assert.Equal(Enumerable.Range(0, 4).Select(MessageId), replied);
        Assert.Empty(app.Emulator.Reactions);
    }

    /// <summary>The app with a gateway session; heartbeats are rare enough that moving the clock past the window skips none.</summary>
    private static async Task<DiscordTestApp> StartAsync(MentionReplySettings settings)
    {
        var app = await DiscordTestApp.StartAsync(settings: UseGateway, arrange: e => e.HeartbeatIntervalMs = 120_000, services: s => s.AddSingleton(settings));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (app.Services.GetRequiredService<DiscordGateway>().SessionId is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "no gateway session");
            await Task.Delay(20);
        }

        return app;
    }

    private static string MessageId(int i) => "18000000000000001" + i.ToString("D2", CultureInfo.InvariantCulture);

    private static string Asker(int i) => "17000000000000001" + i.ToString("D2", CultureInfo.InvariantCulture);

    private static List<EmulatedMessage> Posted(DiscordTestApp app) => [.. app.Emulator.Messages.Values];

    private static JsonObject Mention(string id, string author, string content, bool direct = false)
    {
        var message = new JsonObject
        {
            ["id"] = id,
            ["channel_id"] = Channel,
            ["content"] = content,
            ["author"] = new JsonObject { ["id"] = author, ["username"] = "asker" + author[^2..] },
            ["mentions"] = direct ? new JsonArray() : new JsonArray(new JsonObject { ["id"] = "1", ["username"] = "StatusBot" }),
        };
        if (!direct)
        {
            message["guild_id"] = DiscordPayloads.GuildId;
        }

        return message;
    }

    /// <summary>
    /// Waits for the gateway session, then for the emulator to have seen the answers, moving the app's fake clock (rate-limit
    /// pauses run on it) by small steps, well within the group window.
    /// </summary>
    private static async Task WaitUntilAsync(DiscordTestApp app, Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the answers");
            await Task.Delay(20);
            app.Time.Advance(TimeSpan.FromMilliseconds(50));
        }

        await app.DrainDeferredAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }
}
