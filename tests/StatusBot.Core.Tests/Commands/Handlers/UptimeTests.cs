using StatusBot.Core.Commands.Handlers;
using StatusBot.Core.Domain;
using StatusBot.Core.State;
using StatusBot.Testing;

namespace StatusBot.Core.Tests.Commands.Handlers;

/// <summary>Uptime from the recorded transitions: Statuspage's weights, and time before the board existed is unknown, never up.</summary>
public sealed class UptimeTests
{
    private static readonly DateTimeOffset T0 = TestBot.Start;

    /// <summary>Ten quiet days, then 2 hours of major outage and 10 hours of partial outage, then 12 good hours.</summary>
    private static async Task<TestBot> OutageStoryAsync()
    {
        var bot = await TestBot.StartAsync();
        bot.Advance(TimeSpan.FromDays(10));
        await bot.RunAsync("service set streaming major");
        bot.Advance(TimeSpan.FromHours(2));
        await bot.RunAsync("service set streaming partial");
        bot.Advance(TimeSpan.FromHours(10));
        await bot.RunAsync("service set streaming up");
        bot.Advance(TimeSpan.FromHours(12));
        return bot;
    }

    [Fact]
    public async Task Uptime_SevenDaysAllWatched_MajorFullPartialAt30Percent()
    {
        await using var bot = await OutageStoryAsync();

        var reply = (await bot.RunAsync("uptime streaming 7", TestBot.Viewer())).Reply;

        // Down = 2 h + 10 h × 0.3 = 5 h of 168 h: 1 - 5/168 = 97.0238…%, truncated.
        Assert.Equal("Uptime over the last 7 days", reply.Title);
        Assert.Equal(["Streaming: 97.02% (downtime 5 hours)"], reply.Lines.ToArray());
    }

    [Fact]
    public async Task Uptime_WindowStartsBeforeTheBoard_ThatTimeIsUnknownNotUp()
    {
        await using var bot = await OutageStoryAsync();

        var reply = (await bot.RunAsync("uptime streaming 30")).Reply;

        // Only the 11 days since the board started count: 1 - 5/264 = 98.106…%; 19 days were never watched.
        Assert.Equal(["Streaming: 98.10% (downtime 5 hours) · not monitored for 19 days"], reply.Lines.ToArray());
    }

    [Fact]
    public async Task Uptime_AllServicesDefaultWindow_OneLineEach()
    {
        await using var bot = await OutageStoryAsync();

        var reply = (await bot.RunAsync("uptime")).Reply;

        Assert.Equal("Uptime over the last 30 days", reply.Title);
        Assert.Equal(5, reply.Lines.Length);
        Assert.StartsWith("Streaming: 98.10%", reply.Lines[0], StringComparison.Ordinal);
        Assert.StartsWith("Website: 100.00% (downtime 0 seconds)", reply.Lines[1], StringComparison.Ordinal);
        Assert.Contains("30%", reply.Footer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uptime_InFrench_CommaAndSpaceBeforePercent()
    {
        await using var bot = await OutageStoryAsync();

        var reply = (await bot.RunAsync("uptime streaming 7", TestBot.Viewer("fr"))).Reply;

        Assert.Equal("Disponibilité sur les 7 derniers jours", reply.Title);
        Assert.Equal(["Streaming : 97,02\u00A0% (indisponibilité 5 heures)"], reply.Lines.ToArray());
    }

    [Fact]
    public async Task Uptime_ThirtySecondOutageIn90Days_NeverShows100Percent()
    {
        await using var bot = await TestBot.StartAsync();
        bot.Advance(TimeSpan.FromDays(100));
        await bot.RunAsync("service set api down");
        bot.Advance(TimeSpan.FromSeconds(30));
        await bot.RunAsync("service set api up");

        var reply = (await bot.RunAsync("uptime api 90")).Reply;

        Assert.Equal(["API: 99.99% (downtime 30 seconds)"], reply.Lines.ToArray());
    }

    [Fact]
    public async Task Uptime_BoardJustStarted_NoData()
    {
        await using var bot = await TestBot.StartAsync();

        var reply = (await bot.RunAsync("uptime billing 1")).Reply;

        Assert.Equal(["Billing: no data for this period"], reply.Lines.ToArray());
    }

    [Fact]
    public void Compute_NoEpoch_EverythingUnknown()
    {
        var uptime = Uptime.Compute([], null, T0, T0.AddDays(1));

        Assert.Equal(TimeSpan.Zero, uptime.Observed);
        Assert.Equal(TimeSpan.FromDays(1), uptime.Unknown);
    }

    [Fact]
    public void Compute_TransitionBeforeWindow_SetsTheStatusAtItsStart()
    {
        StatusTransition[] history = [new(T0.AddHours(1), ServiceStatus.MajorOutage), new(T0.AddHours(10), ServiceStatus.Operational)];

        var uptime = Uptime.Compute(history, T0, T0.AddHours(8), T0.AddHours(12));

        Assert.Equal(TimeSpan.FromHours(4), uptime.Observed);
        Assert.Equal(TimeSpan.FromHours(2), uptime.Down);
        Assert.Equal(0.5, uptime.Ratio, 6);
    }

    [Fact]
    public void Compute_UnknownStatusSpan_NotObservedAndNotDown()
    {
        StatusTransition[] history = [new(T0.AddHours(2), ServiceStatus.Unknown), new(T0.AddHours(5), ServiceStatus.PartialOutage)];

        var uptime = Uptime.Compute(history, T0, T0, T0.AddHours(15));

        Assert.Equal(TimeSpan.FromHours(3), uptime.Unknown);
        Assert.Equal(TimeSpan.FromHours(12), uptime.Observed);
        Assert.Equal(TimeSpan.FromHours(3), uptime.Down);
    }

    [Theory]
    [InlineData(ServiceStatus.DegradedPerformance)]
    [InlineData(ServiceStatus.UnderMaintenance)]
    public void Compute_DegradedOrMaintenance_CountsAsUp(ServiceStatus status)
    {
        StatusTransition[] history = [new(T0.AddHours(1), status)];

        var uptime = Uptime.Compute(history, T0, T0, T0.AddHours(10));

        Assert.Equal(1.0, uptime.Ratio);
    }

    [Fact]
    public void Compute_TransitionAfterWindow_Ignored()
    {
        StatusTransition[] history = [new(T0.AddDays(2), ServiceStatus.MajorOutage)];

        var uptime = Uptime.Compute(history, T0, T0, T0.AddDays(1));

        Assert.Equal(TimeSpan.Zero, uptime.Down);
        Assert.Equal(TimeSpan.FromDays(1), uptime.Observed);
    }
}
