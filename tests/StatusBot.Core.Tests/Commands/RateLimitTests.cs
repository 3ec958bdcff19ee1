using StatusBot.Core.Commands;
using StatusBot.Core.Domain;
using StatusBot.Testing;

namespace StatusBot.Core.Tests.Commands;

/// <summary>One user cannot make the bot flood a channel: a token bucket per (platform, user), on the fake clock.</summary>
public sealed class RateLimitTests
{
    private static readonly RateLimitSettings FivePerMinuteBurstThree = new(PerMinute: 6, Burst: 3);

    private static Caller Viewer(string user = "U-FLOOD", string platform = "slack", string locale = "en") =>
        new(new Actor(platform, user, user), false, StatusBot.Core.Text.Locales.Resolve(locale));

    [Fact]
    public async Task Dispatch_BeyondTheBurst_RefusedWithAFriendlyAnswerAndNothingRun()
    {
        await using var bot = await TestBot.StartAsync(rateLimit: FivePerMinuteBurstThree);
        var answered = new List<CommandOutcome>();
        for (var i = 0; i < 3; i++)
        {
            answered.Add((await bot.RunAsync("status", Viewer())).Outcome);
        }

        var limited = await bot.RunAsync("status", Viewer());

        Assert.All(answered, o => Assert.Equal(CommandOutcome.Answered, o));
        Assert.Equal(CommandOutcome.Limited, limited.Outcome);
        Assert.Equal("Easy there: that is a lot of commands in a short time.", limited.Reply.Title);
        Assert.Equal("Nothing was run. Try again in 10 seconds; everyone else can still ask.", Assert.Single(limited.Reply.Lines));
        Assert.Equal(Replies.Visibility.Private, limited.Reply.Visibility);
    }

    [Fact]
    public async Task Dispatch_Limited_InFrench()
    {
        await using var bot = await TestBot.StartAsync(rateLimit: new RateLimitSettings(60, 1));
        await bot.RunAsync("status", Viewer(locale: "fr"));

        var limited = await bot.RunAsync("status", Viewer(locale: "fr"));

        Assert.Equal("Doucement : cela fait beaucoup de commandes en peu de temps.", limited.Reply.Title);
        Assert.Equal("Rien n'a été lancé. Réessayez dans 1 seconde ; les autres peuvent toujours poser leurs questions.", Assert.Single(limited.Reply.Lines));
    }

    [Fact]
    public async Task Dispatch_TokensComeBackWithTime()
    {
        await using var bot = await TestBot.StartAsync(rateLimit: FivePerMinuteBurstThree);
        for (var i = 0; i < 3; i++)
        {
            await bot.RunAsync("status", Viewer());
        }

        bot.Advance(TimeSpan.FromSeconds(9));
        var early = await bot.RunAsync("status", Viewer());
        bot.Advance(TimeSpan.FromSeconds(1));
        var onTime = await bot.RunAsync("status", Viewer());

        Assert.Equal(CommandOutcome.Limited, early.Outcome);
        Assert.Equal(CommandOutcome.Answered, onTime.Outcome);
    }

    [Fact]
    public async Task Dispatch_OtherUsersAndPlatformsAndAdmins_AreNotAffected()
    {
        await using var bot = await TestBot.StartAsync(rateLimit: new RateLimitSettings(1, 1));
        await bot.RunAsync("status", Viewer());
        Assert.Equal(CommandOutcome.Limited, (await bot.RunAsync("status", Viewer())).Outcome);

        var otherUser = await bot.RunAsync("status", Viewer(user: "U-CALM"));
        var samIdElsewhere = await bot.RunAsync("status", Viewer(platform: "discord"));
        var admins = new List<CommandOutcome>();
        for (var i = 0; i < 20; i++)
        {
            admins.Add((await bot.RunAsync($"service set api degraded Slow {i}")).Outcome);
        }

        Assert.Equal(CommandOutcome.Answered, otherUser.Outcome);
        Assert.Equal(CommandOutcome.Answered, samIdElsewhere.Outcome);
        Assert.All(admins, o => Assert.NotEqual(CommandOutcome.Limited, o));
    }

    [Fact]
    public async Task Dispatch_LimitedWrite_LeavesTheStateUnchanged()
    {
        await using var bot = await TestBot.StartAsync(rateLimit: new RateLimitSettings(1, 1));
        await bot.RunAsync("status", Viewer());
        var before = bot.State;

        var limited = await bot.RunAsync("incident open api minor Nope", Viewer());

        Assert.Equal(CommandOutcome.Limited, limited.Outcome);
        Assert.Same(before, bot.State);
    }

    [Fact]
    public async Task Ask_OverTheLimit_AnswersOnceThenStaysQuiet()
    {
        await using var bot = await TestBot.StartAsync(rateLimit: new RateLimitSettings(1, 2));
        var first = await bot.AskAsync("is streaming down?", Viewer());
        var second = await bot.AskAsync("why is streaming down?", Viewer());

        var told = await bot.AskAsync("is the website down?", Viewer());
        var quiet = await bot.AskAsync("is the website down???", Viewer());
        var quietNonsense = await bot.AskAsync("blah blah", Viewer());

        Assert.Equal(CommandOutcome.Answered, first!.Outcome);
        Assert.Equal(CommandOutcome.Answered, second!.Outcome);
        Assert.Equal(CommandOutcome.Limited, told!.Outcome);
        Assert.Null(quiet);
        Assert.Null(quietNonsense);
    }

    [Fact]
    public async Task Ask_ChatterIsNotCounted_AndACommandLikeQuestionCountsOnce()
    {
        await using var bot = await TestBot.StartAsync(rateLimit: new RateLimitSettings(1, 1));
        for (var i = 0; i < 5; i++)
        {
            Assert.Null(await bot.AskAsync("see you all at lunch", Viewer(), mustAnswer: false));
        }

        // Tried as the "why" command (usage error), then answered as a question: one message, one token.
        var answer = await bot.AskAsync("why is streaming down", Viewer());

        Assert.Equal(CommandOutcome.Answered, answer!.Outcome);
    }

    [Fact]
    public void Limiter_Off_AlwaysAdmits()
    {
        var limiter = new CommandRateLimiter(RateLimitSettings.Off, new Microsoft.Extensions.Time.Testing.FakeTimeProvider());

        Assert.All(Enumerable.Range(0, 1000), i => Assert.True(limiter.TryTake(Viewer(), out _, out _)));
    }

    [Fact]
    public void Limiter_ManyUsers_ForgetsFullBuckets()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var limiter = new CommandRateLimiter(new RateLimitSettings(60, 2), time);
        for (var i = 0; i < 10_000; i++)
        {
            Assert.True(limiter.TryTake(Viewer(user: "U" + i), out _, out _));
            time.Advance(TimeSpan.FromMilliseconds(10));
        }

        Assert.InRange(limiter.TrackedUsers, 1, 4097);

        Assert.True(limiter.TryTake(Viewer(user: "U0"), out _, out _));
        Assert.True(limiter.TryTake(Viewer(user: "U0"), out _, out _));
        Assert.False(limiter.TryTake(Viewer(user: "U0"), out var retry, out var repeated));
        Assert.Equal(TimeSpan.FromSeconds(1), retry);
        Assert.False(repeated);
    }

    [Fact]
    public void Limiter_ACrowdOfDistinctAskers_SweepsRarely()
    {
        // 50,000 people each asking once within the same instant: no bucket is full again, so a sweep frees nothing, and
        // sweeping on every command past 4,096 users would cost 46,000 sweeps of thousands of buckets.
        var limiter = new CommandRateLimiter(RateLimitSettings.Default, new Microsoft.Extensions.Time.Testing.FakeTimeProvider());
        for (var i = 0; i < 50_000; i++)
        {
            Assert.True(limiter.TryTake(Viewer(user: "U" + i), out _, out _));
        }

        Assert.Equal(50_000, limiter.TrackedUsers);
        Assert.InRange(limiter.Prunings, 1, 4);
    }
}
