using StatusBot.Host.ConsolePlatform;
using StatusBot.Testing;

namespace StatusBot.Host.Tests.ConsolePlatform;

public sealed class ConsoleChatTests
{
    private static async Task<string> ChatAsync(TestBot bot, string input, bool interactive = false, bool viewer = false)
    {
        var chat = new ConsoleChat(bot.Pipeline);
        var output = new StringWriter { NewLine = "\n" };

        var code = await chat.RunAsync(new StringReader(input), output, ConsoleChat.Operator(viewer, StatusBot.Core.Text.Locales.English), interactive, CancellationToken.None);

        Assert.Equal(0, code);
        return output.ToString();
    }

    [Fact]
    public async Task Run_BlankLinesAndQuit_IgnoredThenStops()
    {
        await using var bot = await TestBot.StartAsync();

        var output = await ChatAsync(bot, "\n   \nincident list\nquit\nincident open streaming major Down\n");

        Assert.Equal("No open incidents\n\n", output.Replace(Environment.NewLine, "\n", StringComparison.Ordinal));
        Assert.Empty(bot.State.Incidents);
    }

    [Fact]
    public async Task Run_Interactive_GreetsAndPrompts()
    {
        await using var bot = await TestBot.StartAsync();

        var output = await ChatAsync(bot, "status\n", interactive: true);

        Assert.StartsWith("StatusBot — type help, a command, or a question.", output, StringComparison.Ordinal);
        Assert.Contains("> All systems operational", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_OperatorIsAdminUnlessViewer()
    {
        await using var bot = await TestBot.StartAsync();

        var asViewer = await ChatAsync(bot, "service set api down\n", viewer: true);
        var asAdmin = await ChatAsync(bot, "service set api down\n");

        Assert.StartsWith("⚠ Only admins can run 'service set'.", asViewer, StringComparison.Ordinal);
        Assert.StartsWith("API is now Major outage", asAdmin, StringComparison.Ordinal);
    }
}
