using StatusBot.Core.Announcing;
using StatusBot.Core.Commands;
using StatusBot.Testing;

namespace StatusBot.Announcing.Tests;

public sealed class ChannelCommandTests
{
    [Fact]
    public async Task Subscribe_FromTheConsole_IsRefusedAndChangesNothing()
    {
        await using var kit = await AnnounceKit.StartAsync();

        var result = await kit.Bot.RunAsync("channel subscribe streaming");

        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.Contains("console has no channel", result.Reply.Title, StringComparison.Ordinal);
        Assert.Empty(kit.Bot.State.Announcements.Channels);
    }

    [Fact]
    public async Task Subscribe_WithServices_StoresTheChannelAndItsServices()
    {
        await using var kit = await AnnounceKit.StartAsync();

        var result = await kit.Bot.RunAsync("channel subscribe streaming,website", AnnounceKit.AdminIn("C1"));

        Assert.Equal(CommandOutcome.Changed, result.Outcome);
        var channel = kit.Bot.State.Announcements.Channels[ChannelKeys.Of(AnnounceKit.Channel("C1"))];
        Assert.Equal(["streaming", "website"], channel.Services.ToArray());
        Assert.Equal("en", channel.Locale);
        Assert.Contains("Streaming and Website", result.Reply.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_ByAViewer_IsDenied()
    {
        await using var kit = await AnnounceKit.StartAsync();

        var result = await kit.Bot.RunAsync("channel subscribe", TestBot.Viewer() with { Channel = AnnounceKit.Channel("C1") });

        Assert.Equal(CommandOutcome.Denied, result.Outcome);
        Assert.Empty(kit.Bot.State.Announcements.Channels);
    }

    [Fact]
    public async Task Locale_French_ChangesTheChannelLanguage()
    {
        await using var kit = await AnnounceKit.StartAsync();
        await kit.SubscribeAsync("C1");

        var result = await kit.Bot.RunAsync("channel locale fr", AnnounceKit.AdminIn("C1"));

        Assert.Equal(CommandOutcome.Changed, result.Outcome);
        Assert.Equal("fr", kit.Bot.State.Announcements.Channels.Values.Single().Locale);
    }

    [Theory]
    [InlineData("de", "de")]
    [InlineData("es", "es")]
    [InlineData("pt-br", "pt-BR")]
    [InlineData("JA", "ja")]
    public async Task Locale_EachNewLanguage_ChangesTheChannelLanguage(string typed, string stored)
    {
        await using var kit = await AnnounceKit.StartAsync();
        await kit.SubscribeAsync("C1");

        var result = await kit.Bot.RunAsync("channel locale " + typed, AnnounceKit.AdminIn("C1"));

        Assert.Equal(CommandOutcome.Changed, result.Outcome);
        Assert.Equal(stored, kit.Bot.State.Announcements.Channels.Values.Single().Locale);
    }

    [Fact]
    public async Task Locale_Unknown_IsRefusedAndChangesNothing()
    {
        await using var kit = await AnnounceKit.StartAsync();
        await kit.SubscribeAsync("C1");

        var result = await kit.Bot.RunAsync("channel locale it", AnnounceKit.AdminIn("C1"));

        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.Equal("Unknown language \"it\": use one of en, fr, de, es, pt-BR, ja.", result.Reply.Title);
        Assert.Equal("en", kit.Bot.State.Announcements.Channels.Values.Single().Locale);
    }

    [Fact]
    public async Task Unsubscribe_NotSubscribed_IsRefused_ThenSubscribed_Removes()
    {
        await using var kit = await AnnounceKit.StartAsync();

        var refused = await kit.Bot.RunAsync("channel unsubscribe", AnnounceKit.AdminIn("C1"));
        await kit.SubscribeAsync("C1");
        var removed = await kit.Bot.RunAsync("channel unsubscribe", AnnounceKit.AdminIn("C1"));

        Assert.Equal(CommandOutcome.Refused, refused.Outcome);
        Assert.Equal(CommandOutcome.Changed, removed.Outcome);
        Assert.Empty(kit.Bot.State.Announcements.Channels);
    }

    [Fact]
    public async Task ConfiguredChannels_AreSubscribedOnTheFirstPass()
    {
        var options = new AnnouncementOptions
        {
            Channels = [new ChannelOptions { Platform = "Slack", ChannelId = "C9", WorkspaceId = "T1", Services = ["video"], Locale = "fr" }],
        };
        await using var kit = await AnnounceKit.StartAsync(options);

        await kit.PassAsync();

        var channel = kit.Bot.State.Announcements.Channels.Values.Single();
        Assert.Equal(new ChannelRef("slack", "C9", "T1"), channel.Channel);
        Assert.Equal(["streaming"], channel.Services.ToArray());
        Assert.Equal("fr", channel.Locale);
    }
}
