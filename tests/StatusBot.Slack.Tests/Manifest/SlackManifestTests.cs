using Microsoft.Extensions.Configuration;
using StatusBot.Core.Commands;
using StatusBot.Host.Cli;
using StatusBot.Slack.Configuration;
using StatusBot.Slack.Manifest;
using StatusBot.Slack.Tests.Support;

namespace StatusBot.Slack.Tests.Manifest;

[Collection(ConsoleCollection.Name)]
public sealed class SlackManifestTests
{
    private static string ConfigPath => Path.Combine(Fixtures.RepositoryRoot(), "config", "statusbot.json");

    private static string CheckedIn => File.ReadAllText(Path.Combine(Fixtures.RepositoryRoot(), "config", "slack-app-manifest.yaml"));

    [Fact]
    public void Generate_DefaultConfiguration_IdenticalToTheCheckedInManifest()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(ConfigPath).Build();

        var manifest = SlackManifest.Generate(configuration);

        Assert.Equal(CheckedIn, manifest);
    }

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

    [Fact]
    public void Generate_HttpMode_RequestUrlsOnEveryFeatureAndSocketModeOff()
    {
        var manifest = SlackManifest.Generate(new SlackOptions { PublicUrl = "https://bot.acme.test/" });

        Assert.Contains("url: \"https://bot.acme.test/slack/commands\"", manifest);
        Assert.Contains("request_url: \"https://bot.acme.test/slack/events\"", manifest);
        Assert.Contains("request_url: \"https://bot.acme.test/slack/interactions\"", manifest);
        Assert.Contains("socket_mode_enabled: false", manifest);
    }

    [Fact]
    public void Generate_SocketMode_NoRequestUrlsAndSocketModeOn()
    {
        var manifest = SlackManifest.Generate(new SlackOptions { AppToken = "xapp-1" });

        Assert.DoesNotContain("url:", manifest);
        Assert.Contains("socket_mode_enabled: true", manifest);
    }

    [Fact]
    public void Generate_CommandsAndShortcuts_ComeFromTheCatalogAndConfig()
    {
        var options = new SlackOptions { CommandName = "/status-acme" };
        options.Shortcuts["/uptime"] = "uptime";

        var manifest = SlackManifest.Generate(options);

        Assert.Contains("- command: \"/status-acme\"", manifest);
        Assert.Contains("- command: \"/uptime\"", manifest);
        Assert.Contains("usage_hint: \"" + Catalog.Uptime.Usage["uptime".Length..].Trim() + "\"", manifest);
        Assert.All(SlackManifest.BotScopes, s => Assert.Contains("      - " + s + "\n", manifest));
        Assert.All(SlackManifest.BotEvents, e => Assert.Contains("      - " + e + "\n", manifest));
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "Console";
}
