using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using StatusBot.Core.Board;
using StatusBot.Host.Hosting;
using StatusBot.Host.Tuning;

namespace StatusBot.Host.Tests.Tuning;

/// <summary>
/// <c>StatusBot:Host:RealTimeThreads</c>, set in the configuration file: on, the board's writer and the admin API run on
/// threads of their own; off, both run on the thread pool like everything else.
/// </summary>
public sealed class HostTuningTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("statusbot-tuning-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Serve_RealTimeThreads_DecidesTheWritersThreadAndTheAdminLane(bool realTimeThreads)
    {
        await using var app = await StartAsync(realTimeThreads);
        (string? Name, bool Pool) seen = default;

        await app.Services.GetRequiredService<StatusBoard>().ExecuteAsync(
            _ =>
            {
                seen = (Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread);
                return Decision.NoChange;
            },
            CancellationToken.None);

        Assert.Equal(realTimeThreads, seen.Name == "statusbot board writer");
        Assert.Equal(!realTimeThreads, seen.Pool);
        Assert.Equal(realTimeThreads, app.Services.GetService<PriorityLane>() is not null);
    }

    [Fact]
    public async Task Serve_RealTimeThreadsNotSet_AreOn()
    {
        await using var app = await StartAsync(null);
        string? seen = null;

        await app.Services.GetRequiredService<StatusBoard>().ExecuteAsync(
            _ =>
            {
                seen = Thread.CurrentThread.Name;
                return Decision.NoChange;
            },
            CancellationToken.None);

        Assert.Equal("statusbot board writer", seen);
        Assert.NotNull(app.Services.GetService<PriorityLane>());
    }

    private async Task<WebApplication> StartAsync(bool? realTimeThreads)
    {
        var config = JsonNode.Parse(await File.ReadAllTextAsync(RepoPaths.DefaultConfig))!;
        if (realTimeThreads is { } on)
        {
            config["StatusBot"]!["Host"] = new JsonObject { ["RealTimeThreads"] = on };
        }

        var file = Path.Combine(_dir, "statusbot.json");
        await File.WriteAllTextAsync(file, config.ToJsonString());
        var app = StatusBotWebApp.Create(new CliSettings(file, Path.Combine(_dir, "data"), "http://127.0.0.1:0"));
        await app.StartAsync();
        return app;
    }
}
