using System.Text.Json.Nodes;

namespace StatusBot.Host.Tests.Cli;

/// <summary>A broken configuration stops <c>statusbot chat</c> with a message naming the key, never a stack trace.</summary>
public sealed class ConfigValidationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("statusbot-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("bad service id", "StatusBot:Services:0:Id")]
    [InlineData("duplicate alias", "StatusBot:Services:1:Aliases:0")]
    [InlineData("unknown DependsOn", "StatusBot:Services:2:DependsOn:0")]
    [InlineData("bad locale", "StatusBot:Locale")]
    [InlineData("non-numeric interval", "StatusBot:Announcements:UpdateIntervalMinutes")]
    [InlineData("duplicate service id", "StatusBot:Services has duplicate ids")]
    [InlineData("bad webhook hash", "StatusBot:Upstreams:0:WebhookTokenSha256")]
    [InlineData("poll without feed", "StatusBot:Upstreams:0:Poll")]
    [InlineData("unknown upstream kind", "StatusBot:Upstreams:0:Kind")]
    [InlineData("bad alert label", "StatusBot:Hooks:Alertmanager:ServiceLabel")]
    [InlineData("negative group window", "StatusBot:Chat:GroupWindowSeconds must be 0 (off) to 3600 (was -5)")]
    [InlineData("too many channel messages", "StatusBot:Chat:ChannelMessagesPerMinute must be 0 (no limit) to 60 (was 1000)")]
    public async Task Chat_BrokenConfig_ExitsNonZeroNamingTheKey(string breakage, string key)
    {
        var config = JsonNode.Parse(await File.ReadAllTextAsync(StatusBotProcess.DefaultConfig))!;
        var bot = config["StatusBot"]!;
        var services = bot["Services"]!.AsArray();
        switch (breakage)
        {
            case "bad service id": services[0]!["Id"] = "Stream ing!"; break;
            case "duplicate alias": services[1]!["Aliases"]![0] = "video"; break;
            case "unknown DependsOn": services[2]!["DependsOn"]![0] = "gcp-us-central1"; break;
            case "bad locale": bot["Locale"] = "it"; break;
            case "non-numeric interval": bot["Announcements"]!["UpdateIntervalMinutes"] = "soon"; break;
            case "duplicate service id": services[4]!["Id"] = "billing"; break;
            case "bad webhook hash": bot["Upstreams"]![0]!["WebhookTokenSha256"] = "s3cret"; break;
            case "poll without feed": bot["Upstreams"]![0]!["Poll"] = true; bot["Upstreams"]![0]!.AsObject().Remove("FeedUrl"); break;
            case "unknown upstream kind": bot["Upstreams"]![0]!["Kind"] = "twitter"; break;
            case "bad alert label": bot["Hooks"] = new JsonObject { ["Alertmanager"] = new JsonObject { ["ServiceLabel"] = "service name" } }; break;
            case "negative group window": bot["Chat"] = new JsonObject { ["GroupWindowSeconds"] = -5 }; break;
            case "too many channel messages": bot["Chat"] = new JsonObject { ["ChannelMessagesPerMinute"] = 1000 }; break;
        }

        var path = Path.Combine(_dir, "statusbot.json");
        await File.WriteAllTextAsync(path, config.ToJsonString());

        var result = await StatusBotProcess.RunAsync("status\n", "chat", "--config", path, "--data", _dir);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("StatusBot cannot start", result.Error, StringComparison.Ordinal);
        Assert.Contains(key, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task Chat_ConfigFileMissing_SaysWhichFileAndHowToFixIt()
    {
        var missing = Path.Combine(_dir, "nope.json");

        var result = await StatusBotProcess.RunAsync("status\n", "chat", "--config", missing);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(missing, result.Error, StringComparison.Ordinal);
        Assert.Contains("--config", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_UnsupportedLocaleOption_Refused()
    {
        var result = await StatusBotProcess.RunAsync("status\n", "chat", "--config", StatusBotProcess.DefaultConfig, "--locale", "it");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--locale must be one of en, fr, de, es, pt-BR, ja (was 'it')", result.Error, StringComparison.Ordinal);
    }
}
