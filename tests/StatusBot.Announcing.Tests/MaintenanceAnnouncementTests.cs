using StatusBot.Testing.Announcing;

namespace StatusBot.Announcing.Tests;

public sealed class MaintenanceAnnouncementTests
{
    [Fact]
    public async Task Schedule_AnnouncesADayBefore_TenMinutesBefore_AtStart_AndAtEnd()
    {
        await using var kit = await AnnounceKit.StartAsync(new AnnouncementOptions { PollSeconds = 7 * 86400 });
        await kit.SubscribeAsync("C1");
        await kit.Bot.RunAsync("channel subscribe streaming", AnnounceKit.AdminIn("C2"));
        await kit.RunAsync("maintenance schedule billing in:2d 2h Card processor upgrade");
        var titles = new List<string>();

        for (var i = 0; i < 10 && kit.Bot.Time.GetUtcNow() < Testing.TestBot.Start + TimeSpan.FromDays(3); i++)
        {
            kit.Bot.Time.SetUtcNow(await kit.PassAsync());
        }

        var post = Assert.Single(kit.Discord.Delivered(PublishCallKind.Post));
        Assert.Equal("C1", post.Channel.ChannelId);
        Assert.Equal("Planned maintenance tomorrow: Card processor upgrade", post.Reply.Title);
        titles.AddRange(kit.Discord.Delivered(PublishCallKind.Reply).Select(r => r.Reply.Title));
        Assert.Equal(
            [
                "Planned maintenance starts in 10 minutes: Card processor upgrade",
                "Maintenance in progress: Card processor upgrade",
                "Maintenance finished: Card processor upgrade",
            ],
            titles);
        Assert.Equal("Maintenance finished: Card processor upgrade", kit.Discord.Message(post.Result.MessageId!)!.Title);
    }

    [Fact]
    public async Task Cancel_AfterTheFirstAnnouncement_AnnouncesTheCancellationOnly()
    {
        await using var kit = await AnnounceKit.StartAsync();
        await kit.SubscribeAsync("C1");
        await kit.RunAsync("maintenance schedule billing in:3h 1h Upgrade");
        await kit.PassAsync();

        await kit.RunAsync("maintenance cancel MNT-1");
        kit.Bot.Advance(TimeSpan.FromHours(5));
        await kit.PassAsync();

        Assert.Single(kit.Discord.Delivered(PublishCallKind.Post));
        var reply = Assert.Single(kit.Discord.Delivered(PublishCallKind.Reply));
        Assert.Equal("Maintenance cancelled: Upgrade", reply.Reply.Title);
    }
}
