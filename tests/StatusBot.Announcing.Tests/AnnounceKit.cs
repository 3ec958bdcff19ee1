using Microsoft.Extensions.Logging.Abstractions;
using StatusBot.Core.Announcing;
using StatusBot.Core.Commands;
using StatusBot.Testing;
using StatusBot.Testing.Announcing;

namespace StatusBot.Announcing.Tests;

/// <summary>A test bot with an announcer over fake publishers, and callers standing in given channels.</summary>
internal sealed class AnnounceKit(TestBot bot, Announcer announcer, FakeChatPublisher discord, FakeChatPublisher slack, IDeliveryLedger ledger) : IAsyncDisposable
{
    public TestBot Bot => bot;

    public IDeliveryLedger Ledger => ledger;

    public Announcer Announcer => announcer;

    public FakeChatPublisher Discord => discord;

    public FakeChatPublisher Slack => slack;

    public static ChannelRef Channel(string id, string platform = "discord") => new(platform, id, platform == "discord" ? "G1" : "T1");

    public static Caller AdminIn(string id, string platform = "discord", string locale = "en") => TestBot.Admin(locale) with { Channel = Channel(id, platform) };

    public static async Task<AnnounceKit> StartAsync(
        AnnouncementOptions? options = null,
        FakeChatPublisher? discord = null,
        Core.Board.IEventStore? store = null,
        IDeliveryLedger? ledger = null)
    {
        options ??= new AnnouncementOptions();
        discord ??= new FakeChatPublisher("discord");
        var slack = new FakeChatPublisher("slack");
        ledger ??= new LocalDeliveryLedger();
        var bot = await TestBot.StartAsync(store);
        var renderer = new AnnouncementRenderer(options);
        var announcer = new Announcer(bot.Board, [discord, slack], options, renderer, new CadencePlanner(options, renderer), bot.Time, NullLogger<Announcer>.Instance, ledger);
        return new AnnounceKit(bot, announcer, discord, slack, ledger);
    }

    public async Task SubscribeAsync(params string[] channelIds)
    {
        foreach (var id in channelIds)
        {
            var result = await bot.RunAsync("channel subscribe", AdminIn(id));
            Assert.Equal(CommandOutcome.Changed, result.Outcome);
        }
    }

    public async Task<DispatchResult> RunAsync(string text)
    {
        var result = await bot.RunAsync(text);
        Assert.True(result.Outcome == CommandOutcome.Changed, result.Reply.ToPlainText());
        return result;
    }

    public Task<DateTimeOffset> PassAsync() => announcer.RunOnceAsync(CancellationToken.None);

    /// <summary>The announcements not delivered nor given up yet.</summary>
    public Task<IReadOnlyList<OutboxEntry>> PendingAsync() => announcer.PendingAsync(CancellationToken.None);

    /// <summary>The status card of every subject in every channel it reached.</summary>
    public Task<IReadOnlyList<PostedCard>> CardsAsync() => announcer.CardsAsync(CancellationToken.None);

    public ValueTask DisposeAsync() => bot.DisposeAsync();
}
