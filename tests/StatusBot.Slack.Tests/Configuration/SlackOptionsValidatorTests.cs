using StatusBot.Slack.Configuration;

namespace StatusBot.Slack.Tests.Configuration;

public sealed class SlackOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        var result = new SlackOptionsValidator().Validate(null, new SlackOptions());

        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData("/deploy", "deploy")]
    [InlineData("incident", "incident")]
    [InlineData("/why", "")]
    public void Validate_ShortcutNotACatalogCommand_FailsNamingIt(string command, string target)
    {
        var options = new SlackOptions();
        options.Shortcuts[command] = target;

        var result = new SlackOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(command, result.FailureMessage);
    }

    [Theory]
    [InlineData("statusbot")]
    [InlineData("/status bot")]
    public void Validate_BadCommandName_Fails(string name)
    {
        var result = new SlackOptionsValidator().Validate(null, new SlackOptions { CommandName = name });

        Assert.True(result.Failed);
    }

    [Fact]
    public void Validate_RelativeApiBaseUrl_Fails()
    {
        var result = new SlackOptionsValidator().Validate(null, new SlackOptions { ApiBaseUrl = "slack.com/api" });

        Assert.True(result.Failed);
        Assert.Contains("ApiBaseUrl", result.FailureMessage);
    }

    [Theory]
    [InlineData("status", "status")]
    [InlineData("why", "why streaming")]
    [InlineData("incident", "incident list")]
    public void ToCatalogText_Shortcut_PrefixesTheMappedCommand(string target, string expected)
    {
        var options = new SlackOptions();
        options.Shortcuts["/x"] = target;

        var text = SlackCommandText.ToCatalogText(options, "/x", expected == target ? "" : expected[(target.Length + 1)..]);

        Assert.Equal(expected, text);
    }
}
