using System.Text.Json.Nodes;

namespace StatusBot.Host.Tests.Cli;

/// <summary>
/// Mistakes a new user makes in the configuration (a misspelt key, a file that is not JSON) stop <c>statusbot chat</c>
/// with one line naming the key or the place, never silently and never with a stack trace.
/// </summary>
public sealed class ConfigMistakeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("statusbot-mistake-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("Locael", "StatusBot:Locael is not a setting; did you mean Locale?")]
    [InlineData("Announcements.UpdateIntervalMinuts", "StatusBot:Announcements:UpdateIntervalMinuts is not a setting; did you mean UpdateIntervalMinutes?")]
    [InlineData("Servces", "StatusBot:Servces is not a setting; did you mean Services?")]
    [InlineData("Services.0.Aliasses", "StatusBot:Services:0:Aliasses is not a setting; did you mean Aliases?")]
    [InlineData("Services.1.Probe.Ulr", "StatusBot:Services:1:Probe:Ulr is not a setting; did you mean Url?")]
    [InlineData("Upstreams.0.Pol", "StatusBot:Upstreams:0:Pol is not a setting; did you mean Poll?")]
    [InlineData("Storage.DataDirectoy", "StatusBot:Storage:DataDirectoy is not a setting; did you mean DataDirectory?")]
    [InlineData("Slack.SigningSecrte", "StatusBot:Slack:SigningSecrte is not a setting; did you mean SigningSecret?")]
    [InlineData("Discord.PublicKye", "StatusBot:Discord:PublicKye is not a setting; did you mean PublicKey?")]
    [InlineData("Chat.RepliesPerThreads", "StatusBot:Chat:RepliesPerThreads is not a setting; did you mean RepliesPerThread?")]
    [InlineData("Host.RealTimeThread", "StatusBot:Host:RealTimeThread is not a setting; did you mean RealTimeThreads?")]
    [InlineData("Colour", "StatusBot:Colour is not a setting; the settings here are ")]
    public async Task Chat_MisspeltKey_NamesTheKeyAndTheNearestKnownOne(string path, string expected)
    {
        var config = JsonNode.Parse(await File.ReadAllTextAsync(StatusBotProcess.DefaultConfig))!;
        var parts = path.Split('.');
        var node = config["StatusBot"]!;
        foreach (var part in parts[..^1])
        {
            node = int.TryParse(part, out var index) ? node[index]! : node[part] ??= new JsonObject();
        }

        node[parts[^1]] = parts[^1] == "Servces" ? new JsonArray() : JsonValue.Create("5");
        var file = Path.Combine(_dir, "statusbot.json");
        await File.WriteAllTextAsync(file, config.ToJsonString());

        var result = await StatusBotProcess.RunAsync("status\n", "chat", "--config", file, "--data", _dir);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Contains($"(from {file})", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }

    [Theory]
    [InlineData("Services.0.Probe.Url", "StatusBot:Services:0:Probe:Url 'not a url' must be an absolute http or https URL")]
    [InlineData("Upstreams.0.FeedUrl", "StatusBot:Upstreams:0:FeedUrl 'not a url' must be an absolute http or https URL")]
    [InlineData("Web.PublicUrl", "StatusBot:Web:PublicUrl 'not a url' must be an absolute http or https URL")]
    [InlineData("Slack.PublicUrl", "StatusBot:Slack:PublicUrl 'not a url' must be an absolute http or https URL")]
    [InlineData("Slack.ApiBaseUrl", "StatusBot:Slack:ApiBaseUrl must be an absolute http(s) URL")]
    public async Task Serve_NotAUrl_RefusesToStartNamingTheKey(string path, string expected)
    {
        var config = JsonNode.Parse(await File.ReadAllTextAsync(StatusBotProcess.DefaultConfig))!;
        var parts = path.Split('.');
        var node = config["StatusBot"]!;
        foreach (var part in parts[..^1])
        {
            node = int.TryParse(part, out var index) ? node[index]! : node[part] ??= new JsonObject();
        }

        node[parts[^1]] = "not a url";
        var file = Path.Combine(_dir, "statusbot.json");
        await File.WriteAllTextAsync(file, config.ToJsonString());

        var result = await StatusBotProcess.RunAsync("", "serve", "--config", file, "--data", _dir, "--urls", "http://127.0.0.1:0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_MisspeltEnvironmentVariable_NamesTheVariable()
    {
        var environment = new Dictionary<string, string> { ["StatusBot__Locael"] = "fr", ["StatusBot__Services__0__Probe__Urll"] = "http://x" };

        var result = await StatusBotProcess.RunAsync("status\n", environment, "chat", "--config", StatusBotProcess.DefaultConfig, "--data", _dir);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("StatusBot:Locael is not a setting; did you mean Locale? (from environment variable StatusBot__Locael)", result.Error, StringComparison.Ordinal);
        Assert.Contains("StatusBot:Services:0:Probe:Urll is not a setting; did you mean Url? (from environment variable StatusBot__Services__0__Probe__Urll)", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_EveryKeyOfTheShippedConfiguration_IsKnown()
    {
        var result = await StatusBotProcess.RunAsync("status\n", "chat", "--config", StatusBotProcess.DefaultConfig, "--data", _dir);

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("is not a setting", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_JsonSyntaxError_NamesFileLineAndColumn()
    {
        var file = Path.Combine(_dir, "broken.json");
        await File.WriteAllTextAsync(file, "{\n  \"StatusBot\": {\n    \"Locale\": \"en\"\n    \"Services\": []\n  }\n}\n");

        var result = await StatusBotProcess.RunAsync("status\n", "chat", "--config", file, "--data", _dir);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"StatusBot cannot start: {file} is not valid JSON: line 4, column 5", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }
}
