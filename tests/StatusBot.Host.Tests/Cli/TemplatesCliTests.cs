using System.Text.Json.Nodes;
using StatusBot.Announcing;

namespace StatusBot.Host.Tests.Cli;

/// <summary>
/// <c>statusbot templates</c> prints the built-in templates under their keys; a broken override in the configuration
/// stops the start with one line naming its key, exit code 2, no stack trace; a valid one starts.
/// </summary>
public sealed class TemplatesCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("statusbot-templates-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Templates_PrintsEveryKindInEveryLanguage_WithItsKeyAndVariables()
    {
        var result = await StatusBotProcess.RunAsync("", "templates");

        Assert.Equal(0, result.ExitCode);
        foreach (var kind in Enum.GetValues<PostKind>())
        {
            foreach (var language in new[] { "en", "fr", "de", "es", "pt-BR", "ja" })
            {
                Assert.Contains($"## StatusBot:Announcements:Templates:{kind}:{language}\n## variables: ", result.Output, StringComparison.Ordinal);
            }
        }

        Assert.Contains("Resolved after {{ duration }}. Affected: {{ services }}.", result.Output, StringComparison.Ordinal);
        Assert.Contains("Résolu après {{ duration }}. Touchés : {{ services }}.", result.Output, StringComparison.Ordinal);
        Assert.Contains("Maintenance in progress: {{ title }}\n{{ window }}\nServices: {{ services }}", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Templates_OneLocale_PrintsOnlyThatLanguage_AndAnUnknownOneIsRefused()
    {
        var french = await StatusBotProcess.RunAsync("", "templates", "--locale", "fr");
        var wrong = await StatusBotProcess.RunAsync("", "templates", "--locale", "klingon");

        Assert.Equal(0, french.ExitCode);
        Assert.Contains("Templates:Resolved:fr\n", french.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Templates:Resolved:en\n", french.Output, StringComparison.Ordinal);
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("--locale must be one of en, fr, de, es, pt-BR, ja (was 'klingon').", wrong.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Resolved", "fr", "Résolu {{ duration", "StatusBot:Announcements:Templates:Resolved:fr: the template does not parse")]
    [InlineData("Holding", "en", "Sorry, {{ servises }} is down", "StatusBot:Announcements:Templates:Holding:en: unknown variable 'servises'; Holding templates may use id, title, services")]
    [InlineData("Apology", "de", "{{ services | shout }}", "StatusBot:Announcements:Templates:Apology:de: the template cannot be rendered")]
    public async Task Serve_BrokenTemplate_RefusesToStartNamingItsKey(string kind, string language, string template, string expected)
    {
        var config = JsonNode.Parse(await File.ReadAllTextAsync(StatusBotProcess.DefaultConfig))!;
        var announcements = config["StatusBot"]!["Announcements"] ??= new JsonObject();
        announcements["Templates"] = new JsonObject { [kind] = new JsonObject { [language] = template } };
        var file = Path.Combine(_dir, "statusbot.json");
        await File.WriteAllTextAsync(file, config.ToJsonString());

        var result = await StatusBotProcess.RunAsync("", "serve", "--config", file, "--data", _dir, "--urls", "http://127.0.0.1:0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("StatusBot cannot start: the configuration is invalid.", result.Error, StringComparison.Ordinal);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_ValidOverride_Starts()
    {
        var config = JsonNode.Parse(await File.ReadAllTextAsync(StatusBotProcess.DefaultConfig))!;
        var announcements = config["StatusBot"]!["Announcements"] ??= new JsonObject();
        announcements["Templates"] = new JsonObject { ["Resolved"] = new JsonObject { ["fr"] = "C'est réparé : {{ services }} ({{ duration }})." } };
        var file = Path.Combine(_dir, "statusbot.json");
        await File.WriteAllTextAsync(file, config.ToJsonString());

        var result = await StatusBotProcess.RunAsync("status\n", "chat", "--config", file, "--data", _dir);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
    }
}
