using StatusBot.Slack.WebApi;
using StatusBot.Testing;

namespace StatusBot.Slack.Tests.WebApi;

public sealed class SlackPacerTests
{
    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public async Task RunAsync_WallClockStepsAnHour_NextPostInTheChannelStillComesOneSecondLater(int hours)
    {
        var clock = new SteppingClock();
        var pacer = new SlackPacer(clock, workspacePerSecond: 100);
        Assert.Equal(1, await pacer.RunAsync("C1", _ => Task.FromResult(1), CancellationToken.None));

        clock.StepWallClock(TimeSpan.FromHours(hours));
        var next = pacer.RunAsync("C1", _ => Task.FromResult(2), CancellationToken.None);
        clock.Advance(SlackPacer.ChannelInterval - TimeSpan.FromMilliseconds(1));
        var earlyDone = next.IsCompleted;
        clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.False(earlyDone);
        Assert.Equal(2, await next.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task RunAsync_AnotherChannel_IsNotHeldByTheFirstChannelsSecond()
    {
        var clock = new SteppingClock();
        var pacer = new SlackPacer(clock, workspacePerSecond: 100);
        await pacer.RunAsync("C1", _ => Task.FromResult(1), CancellationToken.None);

        var other = pacer.RunAsync("C2", _ => Task.FromResult(2), CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(10));

        Assert.Equal(2, await other.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
