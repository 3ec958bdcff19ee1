using Microsoft.Extensions.Configuration;
using StatusBot.Core.Commands;
using StatusBot.Slack.Configuration;
using StatusBot.Slack.Manifest;
using StatusBot.Testing.Slack;

namespace StatusBot.Slack.Tests.Manifest;

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
