using StatusBot.Core.Commands;

namespace StatusBot.Core.Tests.Commands;

public sealed class TextCommandParserTests
{
    private static CommandInput Parse(string text)
    {
        Assert.True(TextCommandParser.TryParse(text, out var input, out var error), error?.ToString());
        return input;
    }

    private static CommandError Fail(string text)
    {
        Assert.False(TextCommandParser.TryParse(text, out _, out var error));
        return Assert.IsType<CommandError>(error);
    }

    [Theory]
    [InlineData("status", "status")]
    [InlineData("/status", "status")]
    [InlineData("STATUS", "status")]
    [InlineData("/incident open streaming major x", "incident open")]
    [InlineData("Incident Resolve 1", "incident resolve")]
    [InlineData("service set api up", "service set")]
    [InlineData("/help incident", "help")]
    public void TryParse_CommandWords_FindsCommand(string text, string name)
    {
        var input = Parse(text);

        Assert.Equal(name, input.Spec.Name);
    }

    [Fact]
    public void TryParse_NamedOptionOfTheCommand_IsNamedOthersStayWords()
    {
        var input = Parse("incident open streaming major Down, see https://status.example.com cause:\"AWS ELB\" users:5");

        Assert.Equal("AWS ELB", input.Named["cause"]);
        Assert.Equal("5", input.Named["users"]);
        Assert.Equal(["streaming", "major", "Down,", "see", "https://status.example.com"], input.Positional.ToArray());
    }

    [Fact]
    public void TryParse_KeyOfAnotherCommand_StaysAWord()
    {
        var input = Parse("incident update 1 identified note:see upstream");

        Assert.Empty(input.Named);
        Assert.Contains("note:see", input.Positional);
    }

    [Fact]
    public void TryParse_NamedOptionKeyIsCaseInsensitive()
    {
        var input = Parse("incident open streaming major Down CAUSE:elb");

        Assert.Equal("elb", input.Named["cause"]);
    }

    [Theory]
    [InlineData("", CommandErrorKind.Empty)]
    [InlineData("   ", CommandErrorKind.Empty)]
    [InlineData("reboot everything", CommandErrorKind.UnknownCommand)]
    [InlineData("/statuz", CommandErrorKind.UnknownCommand)]
    [InlineData("incident", CommandErrorKind.MissingSubcommand)]
    [InlineData("incident destroy 1", CommandErrorKind.UnknownSubcommand)]
    [InlineData("service", CommandErrorKind.MissingSubcommand)]
    [InlineData("incident open streaming major \"Down", CommandErrorKind.UnclosedQuote)]
    public void TryParse_Malformed_ReportsTheKind(string text, CommandErrorKind kind)
    {
        var error = Fail(text);

        Assert.Equal(kind, error.Kind);
    }

    [Fact]
    public void TryParse_GroupWithoutSubcommand_ListsTheSubcommands()
    {
        var error = Fail("incident");

        Assert.Contains("incident open <services> <impact> <title…> [cause:\"…\"] [segments:\"…\"] [users:N]", error.Details);
        Assert.Equal(Catalog.InGroup("incident").Count(), error.Details.Count);
    }

    [Theory]
    [InlineData("/stauts", "status")]
    [InlineData("hlep", "help")]
    [InlineData("/incidnet list", "incident")]
    [InlineData("uptiem streaming", "uptime")]
    [InlineData("incident opne streaming major Down", "incident open")]
    [InlineData("incident resolv INC-1", "incident resolve")]
    [InlineData("maintenance shedule streaming in:2h 1h Upgrade", "maintenance schedule")]
    public void TryParse_Typo_SuggestsTheNearestCommand(string text, string suggestion)
    {
        var error = Fail(text);

        Assert.Equal(suggestion, error.Suggestion);
    }

    [Theory]
    [InlineData("/reboot")]
    [InlineData("hello")]
    [InlineData("incident destroy 1")]
    [InlineData("stat")]
    public void TryParse_FarFromEveryCommand_NoSuggestion(string text)
    {
        var error = Fail(text);

        Assert.Null(error.Suggestion);
    }

    [Theory]
    [InlineData("/status", true)]
    [InlineData("status streaming", true)]
    [InlineData("incident list", true)]
    [InlineData("help", true)]
    [InlineData("status?", false)]
    [InlineData("why is streaming down?", false)]
    [InlineData("is streaming down?", false)]
    [InlineData("streaming is down", false)]
    public void LooksLikeCommand_Text_TellsCommandsFromQuestions(string text, bool expected)
    {
        Assert.Equal(expected, TextCommandParser.LooksLikeCommand(text));
    }
}
