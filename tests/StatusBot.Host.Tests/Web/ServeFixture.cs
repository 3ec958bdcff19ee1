using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using StatusBot.Core.Commands;
using StatusBot.Host.Hosting;
using StatusBot.Testing;

namespace StatusBot.Host.Tests.Web;

/// <summary>
/// The real <c>serve</c> application on a free loopback port, with the default configuration, a fresh data directory
/// and a fake clock. Commands are run through the real dispatcher as the admin to set the scene.
/// </summary>
public class ServeFixture : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "statusbot-web-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _app;

    public FakeTimeProvider Time { get; } = new(TestBot.Start);

    public HttpClient Client { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    /// <summary>Configuration on top of config/statusbot.json, for fixtures that need more.</summary>
    protected virtual Dictionary<string, string?> Settings { get; } = [];

    public async Task InitializeAsync()
    {
        _app = StatusBotWebApp.Create(
            new CliSettings(RepoPaths.DefaultConfig, _data, "http://127.0.0.1:0"),
            builder =>
            {
                builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time));
                builder.Configuration.AddInMemoryCollection(Settings);
            });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient { BaseAddress = new Uri(address) };

        // The scene: Christmas Eve, streaming and the website down on TV devices, a resolved API blip.
        await RunAsync("incident open streaming,website critical \"Streaming fails on <script>alert(1)</script> devices\" segments:\"TV devices, game consoles\" users:27000000");
        Time.Advance(TimeSpan.FromMinutes(20));
        await RunAsync("incident update INC-1 identified Load balancers in us-east-1 are failing");
        await RunAsync("incident open api minor \"Slow API\"");
        Time.Advance(TimeSpan.FromMinutes(30));
        await RunAsync("incident resolve INC-2 Fixed");
    }

    public async Task<DispatchResult> RunAsync(string command)
    {
        var dispatcher = _app!.Services.GetRequiredService<StatusBot.Core.Chat.ChatPipeline>();
        var result = await dispatcher.RunAsync(command, TestBot.Admin());
        return result.Outcome is CommandOutcome.Changed ? result : throw new InvalidOperationException(result.Reply.ToPlainText());
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Directory.Delete(_data, recursive: true);
    }

    public Task<T?> GetJsonAsync<T>(string path) => Client.GetFromJsonAsync<T>(path);
}
