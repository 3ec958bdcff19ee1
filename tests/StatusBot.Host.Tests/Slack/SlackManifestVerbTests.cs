using StatusBot.Host.Cli;
using StatusBot.Testing.Slack;

namespace StatusBot.Host.Tests.Slack;

/// <summary>The <c>slack manifest</c> verb prints the manifest generated from the configuration it is given.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class SlackManifestVerbTests
{
    private static string ConfigPath => Path.Combine(Fixtures.RepositoryRoot(), "config", "statusbot.json");

    private static string CheckedIn => File.ReadAllText(Path.Combine(Fixtures.RepositoryRoot(), "config", "slack-app-manifest.yaml"));

    [Fact]
    public async Task SlackManifestVerb_WithAPublicUrl_PrintsTheManifestOfThatAddress()
    {
        var config = Path.Combine(Path.GetTempPath(), $"statusbot-manifest-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(config, File.ReadAllText(ConfigPath).Replace("\"Locale\": \"en\",", "\"Locale\": \"en\", \"Web\": { \"PublicUrl\": \"https://bot.acme.test\" },", StringComparison.Ordinal));
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        int code;
        try
        {
            code = await StatusBotCli.RunAsync(["slack", "manifest", "--config", config]);
        }
        finally
        {
            Console.SetOut(original);
            File.Delete(config);
        }

        Assert.Equal(0, code);
        Assert.Equal(CheckedIn.Replace("https://statusbot.example.com", "https://bot.acme.test", StringComparison.Ordinal), output.ToString());
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "Console";
}
