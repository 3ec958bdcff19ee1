using StatusBot.Slack.Endpoints;
using StatusBot.Slack.Rendering;
using StatusBot.Testing;

namespace StatusBot.Slack.Tests.Endpoints;

public sealed class SlackReadCacheTests
{
    private static readonly SlackMessage Answer = new() { Text = "All systems operational" };

    [Fact]
    public async Task TryGet_SameStateSameSecond_Hit()
    {
        await using var bot = await TestBot.StartAsync();
        var cache = new SlackReadCache(bot.Time);
        cache.Set("status", false, "en", false, bot.State, bot.Time.GetUtcNow().ToUnixTimeSeconds(), Answer);

        var hit = cache.TryGet("status", false, "en", false, bot.State, out var message);

        Assert.True(hit);
        Assert.Same(Answer, message);
    }

    [Fact]
    public async Task TryGet_BoardChanged_Miss()
    {
        await using var bot = await TestBot.StartAsync();
        var cache = new SlackReadCache(bot.Time);
        cache.Set("status", false, "en", false, bot.State, bot.Time.GetUtcNow().ToUnixTimeSeconds(), Answer);

        await bot.RunAsync("service set billing major");

        Assert.False(cache.TryGet("status", false, "en", false, bot.State, out _));
    }

    [Fact]
    public async Task TryGet_NextSecond_Miss()
    {
        await using var bot = await TestBot.StartAsync();
        var cache = new SlackReadCache(bot.Time);
        cache.Set("status", false, "en", false, bot.State, bot.Time.GetUtcNow().ToUnixTimeSeconds(), Answer);

        bot.Advance(TimeSpan.FromSeconds(1));

        Assert.False(cache.TryGet("status", false, "en", false, bot.State, out _));
    }

    [Theory]
    [InlineData("status streaming", false, "en", false)]
    [InlineData("status", true, "en", false)]
    [InlineData("status", false, "fr", false)]
    [InlineData("status", false, "en", true)]
    public async Task TryGet_AnyOtherAsker_Miss(string text, bool share, string culture, bool isAdmin)
    {
        await using var bot = await TestBot.StartAsync();
        var cache = new SlackReadCache(bot.Time);
        cache.Set("status", false, "en", false, bot.State, bot.Time.GetUtcNow().ToUnixTimeSeconds(), Answer);

        Assert.False(cache.TryGet(text, share, culture, isAdmin, bot.State, out _));
    }
}
