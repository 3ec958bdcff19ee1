using Microsoft.Extensions.Time.Testing;
using StatusBot.Core.Announcing;
using StatusBot.Core.Chat;

namespace StatusBot.Core.Tests.Chat;

public sealed class MentionReplyPlannerTests
{
    private static readonly ChannelRef General = new("slack", "C1");
    private static readonly ChannelRef Support = new("slack", "C2");

    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2012-12-24T20:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Plan_CrowdAskingAboutOneService_FirstInChannelThenThreadThenReactions()
    {
        var planner = new MentionReplyPlanner(new MentionReplySettings(TimeSpan.FromSeconds(60), 3, 4), _time);

        var plans = Enumerable.Range(0, 20).Select(_ => planner.Plan(General, "streaming")).ToList();

        Assert.Equal(MentionReplyKind.InChannel, plans[0].Kind);
        Assert.All(plans.Skip(1).Take(4), p => Assert.Equal(MentionReplyKind.InThread, p.Kind));
        Assert.All(plans.Skip(5), p => Assert.Equal(MentionReplyKind.Reaction, p.Kind));
        Assert.All(plans.Skip(1), p => Assert.Same(plans[0].Thread, p.Thread));
    }

    [Fact]
    public void Plan_DifferentServicesAndChannels_EachAnsweredInItsChannel()
    {
        var planner = new MentionReplyPlanner(MentionReplySettings.Default, _time);

        var plans = new[]
        {
            planner.Plan(General, "streaming"),
            planner.Plan(General, "billing"),
            planner.Plan(Support, "streaming"),
        };

        Assert.All(plans, p => Assert.Equal(MentionReplyKind.InChannel, p.Kind));
        Assert.Equal(3, plans.Select(p => p.Thread).Distinct().Count());
    }

    [Fact]
    public void Plan_PastTheChannelsMessagesPerMinute_ReactsUntilAMinuteHasPassed()
    {
        var planner = new MentionReplyPlanner(new MentionReplySettings(TimeSpan.FromSeconds(60), 2, 10), _time);
        planner.Plan(General, "streaming");
        planner.Plan(General, null);

        var third = planner.Plan(General, "billing");
        var elsewhere = planner.Plan(Support, "billing");
        _time.Advance(TimeSpan.FromSeconds(60));
        var later = planner.Plan(General, "billing");

        Assert.Equal(MentionReplyKind.Reaction, third.Kind);
        Assert.Null(third.Thread);
        Assert.Equal(MentionReplyKind.InChannel, elsewhere.Kind);
        Assert.Equal(MentionReplyKind.InChannel, later.Kind);
    }

    [Fact]
    public void Plan_AfterTheGroupWindow_AFreshAnswerInTheChannel()
    {
        var planner = new MentionReplyPlanner(MentionReplySettings.Default, _time);
        var first = planner.Plan(General, "streaming");
        _time.Advance(TimeSpan.FromSeconds(59));
        var joined = planner.Plan(General, "streaming");

        _time.Advance(TimeSpan.FromSeconds(1));
        var fresh = planner.Plan(General, "streaming");

        Assert.Equal(MentionReplyKind.InThread, joined.Kind);
        Assert.Equal(MentionReplyKind.InChannel, fresh.Kind);
        Assert.NotSame(first.Thread, fresh.Thread);
    }

    [Fact]
    public void Plan_NoTopic_NeverGroupedButCounted()
    {
        var planner = new MentionReplyPlanner(new MentionReplySettings(TimeSpan.FromSeconds(60), 2, 10), _time);

        var plans = Enumerable.Range(0, 3).Select(_ => planner.Plan(General, null)).ToList();

        Assert.Equal([MentionReplyKind.InChannel, MentionReplyKind.InChannel, MentionReplyKind.Reaction], plans.Select(p => p.Kind));
        Assert.All(plans, p => Assert.Null(p.Thread));
    }

    [Fact]
    public void Plan_Off_EveryMentionAnsweredOnItsOwn()
    {
        var planner = new MentionReplyPlanner(MentionReplySettings.Off, _time);

        var plans = Enumerable.Range(0, 50).Select(_ => planner.Plan(General, "streaming")).ToList();

        Assert.All(plans, p => Assert.Same(MentionReplyPlan.Alone, p));
        Assert.Equal(0, planner.Channels);
    }

    [Fact]
    public async Task Plan_ConcurrentCrowd_ExactlyOneAnswerInTheChannel()
    {
        var planner = new MentionReplyPlanner(new MentionReplySettings(TimeSpan.FromSeconds(60), 3, 50), _time);
        using var start = new ManualResetEventSlim();

        var tasks = Enumerable.Range(0, 200).Select(_ => Task.Run(() =>
        {
            start.Wait();
            return planner.Plan(General, "streaming");
        })).ToList();
        start.Set();
        var plans = await Task.WhenAll(tasks);

        Assert.Single(plans, p => p.Kind == MentionReplyKind.InChannel);
        Assert.Equal(50, plans.Count(p => p.Kind == MentionReplyKind.InThread));
        Assert.Equal(149, plans.Count(p => p.Kind == MentionReplyKind.Reaction));
    }

    [Fact]
    public void Plan_ManyChannelsOverTime_ForgetsTheQuietOnes()
    {
        var planner = new MentionReplyPlanner(MentionReplySettings.Default, _time);
        for (var i = 0; i < 5000; i++)
        {
            planner.Plan(new ChannelRef("discord", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), "streaming");
        }

        _time.Advance(TimeSpan.FromMinutes(2));
        for (var i = 0; i < 4000; i++)
        {
            planner.Plan(new ChannelRef("slack", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), "streaming");
        }

        // The 5,000 quiet channels were forgotten once the map had doubled since its last pruning.
        Assert.Equal(4000, planner.Channels);
    }

    [Fact]
    public async Task Thread_FollowersWaitForTheFirstAnswerAndOpenTheirPlaceOnce()
    {
        var planner = new MentionReplyPlanner(MentionReplySettings.Default, _time);
        var thread = planner.Plan(General, "streaming").Thread!;
        var opened = 0;
        Task<string?> Open(string anchor, CancellationToken ct)
        {
            Interlocked.Increment(ref opened);
            return Task.FromResult<string?>("thread-of-" + anchor);
        }

        var followers = Enumerable.Range(0, 10).Select(_ => thread.OpenAsync(Open, CancellationToken.None)).ToList();
        Assert.All(followers, f => Assert.False(f.IsCompleted));
        thread.Answered("111");
        thread.Answered("222");
        var places = await Task.WhenAll(followers);

        Assert.All(places, p => Assert.Equal("thread-of-111", p));
        Assert.Equal(1, opened);
        Assert.Equal("111", await thread.AnchorAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Thread_FirstAnswerNotPosted_FollowersGetNoPlace()
    {
        var planner = new MentionReplyPlanner(MentionReplySettings.Default, _time);
        var thread = planner.Plan(General, "streaming").Thread!;

        thread.Answered(null);

        Assert.Null(await thread.OpenAsync((_, _) => Task.FromResult<string?>("never"), CancellationToken.None));
    }
}
