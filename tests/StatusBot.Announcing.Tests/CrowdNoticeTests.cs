using StatusBot.Core.Announcing;
using StatusBot.Core.Board;
using StatusBot.Core.Commands;
using StatusBot.Core.Domain;
using StatusBot.Testing;
using StatusBot.Testing.Announcing;

namespace StatusBot.Announcing.Tests;

/// <summary>The admins' notice when many more people than usual ask about a service with no open incident.</summary>
public sealed class CrowdNoticeTests
{
    private static readonly AnnouncementOptions Options = new() { AdminChannel = new ChannelOptions { Platform = "discord", ChannelId = "OPS", WorkspaceId = "G1" } };

    private static Caller Person(int n) => new(new Actor("discord", $"U{n:D5}", $"Person {n}"), false, Locales.English);

    private static async Task AskAsync(AnnounceKit kit, int people, int from = 0)
    {
        for (var i = from; i < from + people; i++)
        {
            await kit.Bot.AskAsync("is streaming down?", Person(i));
        }

        await kit.Bot.Deferrals.DrainAsync();
    }

    private static IReadOnlyList<PublishCall> Notices(AnnounceKit kit) => [.. kit.Discord.Calls.Where(c => c.Channel.ChannelId == "OPS")];

    [Fact]
    public async Task Surge_NoIncident_OneNoticeWithAnOpenIncidentButtonForAdmins()
    {
        await using var kit = await AnnounceKit.StartAsync(Options);
        await AskAsync(kit, 30);

        await kit.PassAsync();
        await AskAsync(kit, 30, from: 100);
        await kit.PassAsync();

        var notice = Assert.Single(Notices(kit));
        Assert.Equal(PublishCallKind.Post, notice.Kind);
        Assert.Equal("20 people asked about Streaming in 5 minutes; no incident is open", notice.Reply.Title);
        var button = Assert.Single(notice.Reply.Actions);
        Assert.True(button.AdminOnly);
        Assert.Equal("Open incident", button.Label);
        Assert.Equal("incident open streaming major \"Reports from users\"", button.Command);
        Assert.True(TextCommandParser.TryParse(button.Command, out var input, out _));
        Assert.Equal(Catalog.IncidentOpen, input.Spec);
        Assert.Empty(kit.Bot.State.OpenIncidents);
    }

    [Fact]
    public async Task Button_PressedByAdmin_OpensTheIncident_ByViewer_Refused()
    {
        await using var kit = await AnnounceKit.StartAsync(Options);
        await AskAsync(kit, 20);
        await kit.PassAsync();
        var command = Assert.Single(Assert.Single(Notices(kit)).Reply.Actions).Command;

        var viewer = await kit.Bot.RunAsync(command, TestBot.Viewer());
        var admin = await kit.Bot.RunAsync(command, TestBot.Admin());

        Assert.Equal(CommandOutcome.Denied, viewer.Outcome);
        Assert.Equal(CommandOutcome.Changed, admin.Outcome);
        var incident = Assert.Single(kit.Bot.State.OpenIncidents);
        Assert.Equal("Reports from users", incident.Title);
        Assert.True(incident.Affects("streaming"));
    }

    [Theory]
    [InlineData("fr", "Signalements d'utilisateurs")]
    [InlineData("ja", "ユーザーからの報告")]
    public async Task Notice_InTheAdminChannelsLanguage_ButtonCommandFitsACustomId(string locale, string title)
    {
        var options = new AnnouncementOptions { AdminChannel = new ChannelOptions { Platform = "discord", ChannelId = "OPS", WorkspaceId = "G1", Locale = locale } };
        await using var kit = await AnnounceKit.StartAsync(options);
        await AskAsync(kit, 20);

        await kit.PassAsync();

        var button = Assert.Single(Assert.Single(Notices(kit)).Reply.Actions);
        Assert.Equal($"incident open streaming major \"{title}\"", button.Command);
        Assert.True(button.Command.Length <= 100);
        Assert.True(TextCommandParser.TryParse(button.Command, out _, out _));
    }

    [Fact]
    public async Task Restart_TheNoticeIsNotPostedAgain()
    {
        var store = new InMemoryEventStore();
        var ledger = new LocalDeliveryLedger();
        var discord = new FakeChatPublisher("discord");
        await using (var first = await AnnounceKit.StartAsync(Options, discord, store, ledger))
        {
            await AskAsync(first, 25);
            await first.PassAsync();
        }

        await using var second = await AnnounceKit.StartAsync(Options, discord, store, ledger);
        await second.Announcer.TakeOverAsync(CancellationToken.None);
        await second.PassAsync();
        await AskAsync(second, 25, from: 500);
        await second.PassAsync();

        Assert.Single(Notices(second));
        Assert.Single(second.Bot.State.Announcements.Crowds);
        Assert.Empty(await second.PendingAsync());
    }

    [Fact]
    public async Task Restart_BeforeThePost_TheNoticeIsPostedOnce()
    {
        var store = new InMemoryEventStore();
        var ledger = new LocalDeliveryLedger();
        var discord = new FakeChatPublisher("discord");
        await using (var first = await AnnounceKit.StartAsync(Options, discord, store, ledger))
        {
            await AskAsync(first, 25);
        }

        await using var second = await AnnounceKit.StartAsync(Options, discord, store, ledger);
        await second.PassAsync();
        await second.PassAsync();

        Assert.Single(Notices(second));
    }

    [Fact]
    public async Task Surge_WhileAnIncidentIsOpen_NoNotice()
    {
        await using var kit = await AnnounceKit.StartAsync(Options);
        await kit.RunAsync("incident open streaming major \"Streaming fails on TV devices\"");

        await AskAsync(kit, 30);
        await kit.PassAsync();

        Assert.Empty(Notices(kit));
        Assert.Empty(kit.Bot.State.Announcements.Crowds);
    }
}
