using StatusBot.Core.Commands;
using StatusBot.Testing;

namespace StatusBot.Core.Tests.Questions;

public sealed class ConversationRouterTests
{
    [Fact]
    public async Task Answer_IssueQuestion_SameAnswerAsTheCommandPlusTip()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major \"Streaming fails on many devices\"");

        var asked = await bot.AskAsync("is streaming down?", TestBot.Viewer());
        var command = await bot.RunAsync("status streaming", TestBot.Viewer());

        Assert.Equal(command.Reply.Title, asked!.Reply.Title);
        Assert.Equal(command.Reply.Lines.ToArray(), asked.Reply.Lines.ToArray());
        Assert.Equal(command.Reply.Fields.ToArray(), asked.Reply.Fields.ToArray());
        Assert.Equal("Same as: status streaming", asked.Reply.Footer);
    }

    [Theory]
    [InlineData("when will the API be back?", "🟢 API: Operational", "Same as: status api")]
    [InlineData("any outage right now?", "All systems operational", "Same as: status")]
    [InlineData("why is the website slow?", "Website has no recorded outage", "Same as: why website")]
    [InlineData("why is streaming down", "Streaming has no recorded outage", "Same as: why streaming")]
    public async Task Answer_Question_RoutedToTheHandler(string message, string title, string footer)
    {
        await using var bot = await TestBot.StartAsync();

        var result = await bot.AskAsync(message, TestBot.Viewer());

        Assert.Equal(title, result!.Reply.Title);
        Assert.Equal(footer, result.Reply.Footer);
    }

    [Fact]
    public async Task Answer_ChatterInAChannel_StaysSilent()
    {
        await using var bot = await TestBot.StartAsync();

        var result = await bot.AskAsync("I love streaming", TestBot.Viewer(), mustAnswer: false);

        Assert.Null(result);
    }

    [Fact]
    public async Task Answer_ChatterInADirectMessage_SaysItDidNotUnderstandWithExamples()
    {
        await using var bot = await TestBot.StartAsync();

        var result = await bot.AskAsync("bonjour tout le monde", TestBot.Viewer("fr"));

        Assert.Equal("Désolé, je n'ai pas compris.", result!.Reply.Title);
        Assert.Contains("pourquoi le site est lent ?", result.Reply.Lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_ServiceNameOnly_SaysWhatItUnderstoodAndSuggestsCommands()
    {
        await using var bot = await TestBot.StartAsync();

        var result = await bot.AskAsync("netflix?", TestBot.Viewer());

        Assert.Equal("I think you are asking about Streaming. Did you mean one of these?", result!.Reply.Title);
        Assert.Equal(["status streaming", "why streaming", "uptime streaming"], result.Reply.Lines.ToArray());
    }

    [Fact]
    public async Task Answer_SlashCommandWithError_UsageNotAQuestion()
    {
        await using var bot = await TestBot.StartAsync();

        var result = await bot.AskAsync("/why teleport", TestBot.Viewer());

        Assert.Equal(CommandOutcome.Usage, result!.Outcome);
        Assert.StartsWith("There is no service called 'teleport'.", result.Reply.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_AdminCommandInPlainWordsByViewer_Denied()
    {
        await using var bot = await TestBot.StartAsync();

        var result = await bot.AskAsync("incident open streaming major Down", TestBot.Viewer());

        Assert.Equal(CommandOutcome.Denied, result!.Outcome);
        Assert.Empty(bot.State.Incidents);
    }
    [Theory]
    [InlineData("incident open streaming major \"never closed", "A quote is opened but never closed.")]
    [InlineData("incident open streaming major Down \u001b[2J", "The title contains control or text-direction characters; please remove them.")]
    [InlineData("service set streaming sideways", "'sideways' is not a valid status; use one of: operational, degraded_performance, partial_outage, major_outage, under_maintenance.")]
    public async Task Answer_MalformedAdminCommandWithoutSlash_ErrorNotAStatusAnswer(string message, string title)
    {
        await using var bot = await TestBot.StartAsync();
        var before = bot.State;

        var result = await bot.AskAsync(message);

        Assert.Equal(CommandOutcome.Usage, result!.Outcome);
        Assert.Equal(title, result.Reply.Title);
        Assert.Same(before, bot.State);
    }

    private static Caller WithoutLocale(Caller caller) => caller with { CultureIsDefault = true };

    [Fact]
    public async Task Answer_FrenchQuestionCallerWithoutLocale_AnsweredInFrench()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major \"Streaming fails on many devices\"");

        var result = await bot.AskAsync("pourquoi le streaming est en panne ?", WithoutLocale(TestBot.Viewer()));

        Assert.Equal("Pourquoi : INC-1 · Streaming fails on many devices", result!.Reply.Title);
        Assert.Equal("Équivaut à : why streaming", result.Reply.Footer);
    }

    [Fact]
    public async Task Answer_EnglishQuestionCallerWithoutLocaleDefaultFrench_AnsweredInEnglish()
    {
        await using var bot = await TestBot.StartAsync();

        var result = await bot.AskAsync("is streaming down?", WithoutLocale(TestBot.Viewer("fr")));

        Assert.Equal("🟢 Streaming: Operational", result!.Reply.Title);
    }

    [Fact]
    public async Task Answer_FrenchQuestionCallerWithOwnEnglishLocale_TheCallersLocaleWins()
    {
        await using var bot = await TestBot.StartAsync();

        var result = await bot.AskAsync("pourquoi le streaming est en panne ?", TestBot.Viewer("en"));

        Assert.Equal("Streaming has no recorded outage", result!.Reply.Title);
    }

    [Fact]
    public async Task Answer_CommandCallerWithoutLocale_StaysInTheDefaultLanguage()
    {
        await using var bot = await TestBot.StartAsync();

        var result = await bot.AskAsync("status streaming", WithoutLocale(TestBot.Viewer()));

        Assert.Equal("🟢 Streaming: Operational", result!.Reply.Title);
    }

    [Fact]
    public async Task Answer_AideIncident_TheIncidentHelpInFrench()
    {
        await using var bot = await TestBot.StartAsync();

        var result = await bot.AskAsync("aide incident", WithoutLocale(TestBot.Viewer()));

        Assert.Equal("Commandes « incident »", result!.Reply.Title);
        Assert.Contains(result.Reply.Lines, l => l.StartsWith("incident open", StringComparison.Ordinal));
        Assert.Equal("Équivaut à : help incident", result.Reply.Footer);
    }

    [Fact]
    public async Task Answer_AideIncidentOpen_ThatCommandsHelp()
    {
        await using var bot = await TestBot.StartAsync();

        var result = await bot.AskAsync("aide incident open", TestBot.Viewer("fr"));

        Assert.Equal(Catalog.IncidentOpen.Usage, result!.Reply.Title);
    }

    [Theory]
    [InlineData("stauts", "en", "Unknown command 'stauts'; did you mean status?")]
    [InlineData("stauts streaming", "en", "Unknown command 'stauts'; did you mean status?")]
    [InlineData("/stauts", "fr", "Commande inconnue « stauts » ; vouliez-vous dire status ?")]
    [InlineData("incident opne streaming major Panne", "fr", "Commande inconnue « incident opne » ; vouliez-vous dire incident open ?")]
    public async Task Answer_MistypedCommand_NamesTheTypoAndTheNearestCommand(string message, string locale, string title)
    {
        await using var bot = await TestBot.StartAsync();

        var result = await bot.AskAsync(message, TestBot.Admin(locale));

        Assert.Equal(CommandOutcome.Usage, result!.Outcome);
        Assert.Equal(title, result.Reply.Title);
        Assert.Empty(bot.State.Incidents);
    }
}
