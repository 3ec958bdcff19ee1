using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StatusBot.Core.Chat;
using StatusBot.Discord.Gateway;
using StatusBot.Discord.Tests.Support;
using StatusBot.Testing.Discord;

namespace StatusBot.Discord.Tests.Gateway;

public sealed class DiscordGatewayTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> UseGateway = new() { ["StatusBot:Discord:UseGateway"] = "true" };

    private DiscordTestApp _app = null!;

    private DiscordEmulator Emulator => _app.Emulator;

    public async Task InitializeAsync() =>
        _app = await DiscordTestApp.StartAsync(settings: UseGateway, arrange: e => e.HeartbeatIntervalMs = 300);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Start_AfterHello_IdentifiesWithMinimalIntentsAndHeartbeats()
    {
        await WaitUntilAsync(() => Emulator.GatewayFrames.Count(f => f.Op == 1) >= 2, advance: true);

        var identify = Emulator.GatewayFrames.First(f => f.Op == 2).Frame["d"]!;
        Assert.Equal(DiscordEmulator.BotToken, identify["token"]!.GetValue<string>());
        Assert.Equal((1 << 9) | (1 << 12), identify["intents"]!.GetValue<int>());
        Assert.Equal(1, Emulator.GatewayConnections);
        Assert.Single(Emulator.RequestsTo("/gateway/bot"));
    }

    [Fact]
    public async Task Reconnect_Op7_ResumesWithTheLastSequenceNumber()
    {
        await WaitUntilAsync(() => Gateway.SessionId is not null);
        Emulator.Dispatch("TYPING_START", new JsonObject { ["channel_id"] = "1" });
        Emulator.Dispatch("TYPING_START", new JsonObject { ["channel_id"] = "1" });
        await WaitUntilAsync(() => Gateway.Sequence == Emulator.GatewaySequence);
        var expected = Emulator.GatewaySequence;

        Emulator.SendFrame(new JsonObject { ["op"] = 7, ["d"] = null });
        await WaitUntilAsync(() => Emulator.GatewayFrames.Any(f => f.Op == 6));

        var resume = Emulator.GatewayFrames.Single(f => f.Op == 6);
        Assert.Equal(2, resume.Connection);
        Assert.Equal(DiscordEmulator.SessionId, resume.Frame["d"]!["session_id"]!.GetValue<string>());
        Assert.Equal(expected, resume.Frame["d"]!["seq"]!.GetValue<long>());
        Assert.DoesNotContain(Emulator.GatewayFrames, f => f.Op == 2 && f.Connection == 2);
    }

    [Fact]
    public async Task InvalidSession_NotResumable_IdentifiesAgain()
    {
        await WaitUntilAsync(() => Gateway.SessionId is not null);

        Emulator.SendFrame(new JsonObject { ["op"] = 9, ["d"] = false });
        await WaitUntilAsync(() => Emulator.GatewayFrames.Any(f => f.Op == 2 && f.Connection == 2), advance: true);

        Assert.DoesNotContain(Emulator.GatewayFrames, f => f.Op == 6);
    }

    [Fact]
    public async Task Close_AuthenticationFailed_StopsWithAClearError()
    {
        await WaitUntilAsync(() => Gateway.SessionId is not null);

        Emulator.CloseGateway(4004);

        // The service's run ends for good: no connection can follow it.
        await Service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(4004, Service.Failure!.CloseCode);
        Assert.Contains("BotToken", Service.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, Emulator.GatewayConnections);
    }

    [Fact]
    public async Task Close_UnknownError_ResumesOnANewConnection()
    {
        await WaitUntilAsync(() => Gateway.SessionId is not null);

        Emulator.CloseGateway(4000);
        await WaitUntilAsync(() => Emulator.GatewayFrames.Any(f => f.Op == 6), TimeSpan.FromSeconds(10), advance: true);

        Assert.Null(Service.Failure);
        Assert.Equal(2, Emulator.GatewayConnections);
    }

    [Fact]
    public async Task InteractionCreate_Status_AnsweredThroughTheCallbackEndpoint()
    {
        await WaitUntilAsync(() => Gateway.SessionId is not null);
        var interaction = JsonNode.Parse(DiscordPayloads.Command("status"))!.AsObject();
        var id = interaction["id"]!.GetValue<string>();

        Emulator.Dispatch("INTERACTION_CREATE", interaction);
        await WaitUntilAsync(() => Emulator.Callbacks.ContainsKey(id));

        var callback = Emulator.Callbacks[id];
        Assert.Equal(4, callback["type"]!.GetValue<int>());
        Assert.Empty(callback["data"]!["allowed_mentions"]!["parse"]!.AsArray());
    }

    [Fact]
    public async Task MessageCreate_MentioningTheBot_RepliesThroughTheIntentMatcher()
    {
        await WaitUntilAsync(() => Gateway.SessionId is not null);

        Emulator.Dispatch("MESSAGE_CREATE", Message("<@1> is streaming down?", mentionsBot: true));
        await WaitUntilAsync(() => !Emulator.Messages.IsEmpty);

        var reply = Assert.Single(Emulator.Messages.Values);
        Assert.Equal("1800000000000000001", reply.ChannelId);
        Assert.Equal("1800000000000000002", reply.Body["message_reference"]!["message_id"]!.GetValue<string>());
        Assert.Contains("Streaming", reply.Body["embeds"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(reply.Body["allowed_mentions"]!["parse"]!.AsArray());
    }

    [Fact]
    public async Task MessageCreate_FrenchQuestion_AnsweredInFrench()
    {
        await WaitUntilAsync(() => Gateway.SessionId is not null);

        Emulator.Dispatch("MESSAGE_CREATE", Message("<@1> pourquoi le streaming est en panne ?", mentionsBot: true));
        await WaitUntilAsync(() => !Emulator.Messages.IsEmpty);

        var reply = Assert.Single(Emulator.Messages.Values);
        Assert.Contains("Équivaut à : why streaming", reply.Body["embeds"]!.ToJsonString(new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MessageCreate_NotForTheBot_StaysSilent()
    {
        await WaitUntilAsync(() => Gateway.SessionId is not null);

        Emulator.Dispatch("MESSAGE_CREATE", Message("is streaming down?", mentionsBot: false));
        Emulator.Dispatch("MESSAGE_CREATE", Message("<@1> status", mentionsBot: true, fromBot: true));

        // Events are handed over in order: once a later mention is answered, the two before it have been handed over, and
        // once the work they started (if any) has finished, the only reply is the later one's.
        Emulator.Dispatch("MESSAGE_CREATE", Message("<@1> is billing down?", mentionsBot: true, id: "1800000000000000099"));
        await WaitUntilAsync(() => !Emulator.Messages.IsEmpty);
        await _app.Services.GetRequiredService<ChatDeferrals>().DrainAsync().WaitAsync(TimeSpan.FromSeconds(5));

        var reply = Assert.Single(Emulator.Messages.Values);
        Assert.Equal("1800000000000000099", reply.Body["message_reference"]!["message_id"]!.GetValue<string>());
    }

    private DiscordGateway Gateway => _app.Services.GetRequiredService<DiscordGateway>();

    private DiscordGatewayService Service => _app.Services.GetRequiredService<DiscordGatewayService>();

    private static JsonObject Message(string content, bool mentionsBot, bool fromBot = false, string id = "1800000000000000002") => new()
    {
        ["id"] = id,
        ["channel_id"] = "1800000000000000001",
        ["guild_id"] = DiscordPayloads.GuildId,
        ["content"] = content,
        ["author"] = new JsonObject { ["id"] = DiscordPayloads.ViewerUserId, ["username"] = "vic", ["bot"] = fromBot },
        ["mentions"] = mentionsBot ? new JsonArray(new JsonObject { ["id"] = "1", ["username"] = "StatusBot" }) : new JsonArray(),
    };

    /// <summary>Waits in real time; with <paramref name="advance"/>, also moves the app's fake clock (heartbeats, Identify delay).</summary>
    private async Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null, bool advance = false)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(5));
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the gateway");
            await Task.Delay(20);
            if (advance)
            {
                _app.Time.Advance(TimeSpan.FromMilliseconds(100));
            }
        }
    }

    [Fact]
    public async Task Heartbeat_NoAck_ResumesOnANewConnection()
    {
        await WaitUntilAsync(() => Gateway.SessionId is not null);
        Emulator.AckHeartbeats = false;

        await WaitUntilAsync(() => Emulator.GatewayFrames.Any(f => f.Op == 6), timeout: TimeSpan.FromSeconds(10), advance: true);

        Assert.Equal(2, Emulator.GatewayFrames.Single(f => f.Op == 6).Connection);
        Assert.Contains(Emulator.GatewayFrames, f => f.Op == 1 && f.Connection == 1);
    }
}
