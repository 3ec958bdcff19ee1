using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StatusBot.Host.Tests.Cli;

/// <summary>
/// One public address for the page, the feed, the API and the Slack manifest: <c>StatusBot:Web:PublicUrl</c>, else its
/// alias <c>StatusBot:Slack:PublicUrl</c>, else the address <c>serve</c> listens on.
/// </summary>
public sealed class PublicUrlTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("statusbot-publicurl-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<string> ConfigAsync(string? web, string? slack)
    {
        var config = JsonNode.Parse(await File.ReadAllTextAsync(StatusBotProcess.DefaultConfig))!;
        if (web is not null)
        {
            config["StatusBot"]!["Web"] = new JsonObject { ["PublicUrl"] = web };
        }

        if (slack is not null)
        {
            config["StatusBot"]!["Slack"]!["PublicUrl"] = slack;
        }

        var path = Path.Combine(_dir, "statusbot.json");
        await File.WriteAllTextAsync(path, config.ToJsonString());
        return path;
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData(null, "https://slack-side.acme.test", "https://slack-side.acme.test")]
    [InlineData("https://status.acme.test", "https://slack-side.acme.test", "https://status.acme.test")]
    public async Task Serve_LinksOfTheApiAndTheFeed_UseThePublicUrl(string? web, string? slack, string? expected)
    {
        var config = await ConfigAsync(web, slack);
        using var free = new TcpListener(IPAddress.Loopback, 0);
        free.Start();
        var port = ((IPEndPoint)free.LocalEndpoint).Port;
        free.Stop();
        var listen = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        foreach (var arg in new[] { StatusBotProcess.Program, "serve", "--config", config, "--data", Path.Combine(_dir, "data"), "--urls", listen })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = new Uri(listen) };
        try
        {
            string summary;
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                try
                {
                    summary = await http.GetStringAsync("/api/v2/summary.json");
                    break;
                }
                catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
                {
                    await Task.Delay(100);
                }
            }

            var feed = await http.GetStringAsync("/feed.atom");

            var url = JsonDocument.Parse(summary).RootElement.GetProperty("page").GetProperty("url").GetString();
            Assert.Equal(expected ?? listen, url);
            Assert.Contains($"href=\"{expected ?? listen}/\"", feed, StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task SlackManifest_NoPublicUrl_SaysWhichKeyToSet()
    {
        var result = await StatusBotProcess.RunAsync("", "slack", "manifest", "--config", StatusBotProcess.DefaultConfig);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        var line = Assert.Single(result.Error.Trim().Split('\n'));
        Assert.StartsWith("StatusBot cannot print the Slack manifest: StatusBot:Web:PublicUrl is not set.", line, StringComparison.Ordinal);
        Assert.Contains("Socket Mode", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://statusbot.example.com", null, "StatusBot:Web:PublicUrl is https://statusbot.example.com, a placeholder")]
    [InlineData(null, "http://localhost:8080", "StatusBot:Slack:PublicUrl is http://localhost:8080, a placeholder or this machine's own address")]
    public async Task SlackManifest_PlaceholderOrLocalPublicUrl_SaysSo(string? web, string? slack, string expected)
    {
        var result = await StatusBotProcess.RunAsync("", "slack", "manifest", "--config", await ConfigAsync(web, slack));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlackManifest_SlackPublicUrlAlias_RequestUrlsAtThatAddress()
    {
        var result = await StatusBotProcess.RunAsync("", "slack", "manifest", "--config", await ConfigAsync(null, "https://bot.acme.test"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("url: \"https://bot.acme.test/slack/commands\"", result.Output, StringComparison.Ordinal);
        Assert.Contains("request_url: \"https://bot.acme.test/slack/events\"", result.Output, StringComparison.Ordinal);
    }
}
