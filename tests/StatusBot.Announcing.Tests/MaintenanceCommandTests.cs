using StatusBot.Core.Commands;
using StatusBot.Core.Commands.Handlers;
using StatusBot.Testing;

namespace StatusBot.Announcing.Tests;

public sealed class MaintenanceCommandTests
{
    [Theory]
    [InlineData("2012-12-25T02:00Z", "2012-12-25T02:00:00Z")]
    [InlineData("2012-12-25T03:00:00+01:00", "2012-12-25T02:00:00Z")]
    [InlineData("in:2h", "2012-12-24T22:30:00Z")]
    [InlineData("in 90m", "2012-12-24T22:00:00Z")]
    [InlineData("+1h30m", "2012-12-24T22:00:00Z")]
    [InlineData("tomorrow@02:00", "2012-12-25T02:00:00Z")]
    [InlineData("tomorrow 02:00", "2012-12-25T02:00:00Z")]
    [InlineData("today@23:00", "2012-12-24T23:00:00Z")]
    [InlineData("02:00", "2012-12-25T02:00:00Z")]
    public void TryParseStart_SupportedForms_GiveTheUtcTime(string text, string expected)
    {
        var ok = MaintenanceTimes.TryParseStart(text, TestBot.Start, out var start);

        Assert.True(ok);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), start);
    }

    [Theory]
    [InlineData("90m", 90)]
    [InlineData("2h", 120)]
    [InlineData("1h30m", 90)]
    [InlineData("1d", 1440)]
    public void TryParseDuration_SupportedForms_GiveMinutes(string text, int minutes)
    {
        Assert.True(MaintenanceTimes.TryParseDuration(text, out var duration));

        Assert.Equal(TimeSpan.FromMinutes(minutes), duration);
    }

    [Theory]
    [InlineData("0m")]
    [InlineData("8d")]
    [InlineData("soon")]
    [InlineData("")]
    public void TryParseDuration_BadOrTooLong_IsRefused(string text)
    {
        Assert.False(MaintenanceTimes.TryParseDuration(text, out _));
    }

    [Fact]
    public async Task Schedule_ThenList_ShowsTheWindow()
    {
        await using var kit = await AnnounceKit.StartAsync();

        var scheduled = await kit.Bot.RunAsync("maintenance schedule billing tomorrow@02:00 2h Card processor upgrade");
        var list = await kit.Bot.RunAsync("maintenance list", TestBot.Viewer());

        Assert.Equal(CommandOutcome.Changed, scheduled.Outcome);
        Assert.Equal("MNT-1 scheduled", scheduled.Reply.Title);
        var line = Assert.Single(list.Reply.Lines);
        Assert.Equal("MNT-1 · Card processor upgrade · Dec 25, 02:00 UTC → 04:00 UTC · Billing", line);
    }

    [Theory]
    [InlineData("maintenance schedule billing whenever 2h Upgrade", "Could not read the start")]
    [InlineData("maintenance schedule billing 2012-12-24T10:00Z 2h Upgrade", "in the past")]
    [InlineData("maintenance schedule billing in:1h forever Upgrade", "Could not read the duration")]
    public async Task Schedule_BadInput_IsRefusedAndChangesNothing(string command, string expected)
    {
        await using var kit = await AnnounceKit.StartAsync();

        var result = await kit.Bot.RunAsync(command);

        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.Contains(expected, result.Reply.Title, StringComparison.Ordinal);
        Assert.Empty(kit.Bot.State.Announcements.Maintenances);
    }

    [Fact]
    public async Task Cancel_Unknown_IsRefused_Known_IsCancelledOnce()
    {
        await using var kit = await AnnounceKit.StartAsync();
        await kit.RunAsync("maintenance schedule billing in:3h 1h Upgrade");

        var unknown = await kit.Bot.RunAsync("maintenance cancel MNT-9");
        var cancelled = await kit.Bot.RunAsync("maintenance cancel mnt-1");
        var again = await kit.Bot.RunAsync("maintenance cancel MNT-1");

        Assert.Equal(CommandOutcome.Refused, unknown.Outcome);
        Assert.Equal(CommandOutcome.Changed, cancelled.Outcome);
        Assert.Equal(CommandOutcome.Refused, again.Outcome);
        Assert.True(kit.Bot.State.Announcements.Maintenances["MNT-1"].Cancelled);
    }
}
