using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using StatusBot.Core;
using StatusBot.Core.Board;
using StatusBot.Core.Chat;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.State;
using StatusBot.Testing;
using StatusBot.Testing.Discord;

namespace StatusBot.Discord.Tests.Support;

/// <summary>
/// The Discord adapter on a real loopback Kestrel with the real core on a fake clock, a test key pair whose public key
/// is configured, and the Discord emulator as the REST API.
/// </summary>
internal sealed class DiscordTestApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _http = new();

    private DiscordTestApp(WebApplication app, InteractionSigner signer, DiscordEmulator emulator, Uri root)
    {
        _app = app;
        Signer = signer;
        Emulator = emulator;
        Root = root;
    }

    public InteractionSigner Signer { get; }

    public DiscordEmulator Emulator { get; }

    public Uri Root { get; }

    public Uri Endpoint => new(Root, "discord/interactions");

    public FakeTimeProvider Time => (FakeTimeProvider)_app.Services.GetRequiredService<TimeProvider>();

    public BoardState State => _app.Services.GetRequiredService<StatusBoard>().Current;

    public IServiceProvider Services => _app.Services;

    public static async Task<DiscordTestApp> StartAsync(
        bool withPublicKey = true,
        IEventStore? store = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<DiscordEmulator>? arrange = null,
        Action<IServiceCollection>? services = null)
    {
        var signer = new InteractionSigner();
        var emulator = await DiscordEmulator.StartAsync();
        arrange?.Invoke(emulator);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var config = new Dictionary<string, string?>
        {
            ["StatusBot:Discord:ApplicationId"] = DiscordPayloads.ApplicationId,
            ["StatusBot:Discord:BotToken"] = DiscordEmulator.BotToken,
            ["StatusBot:Discord:ApiBaseUrl"] = emulator.ApiBaseUrl,
            ["StatusBot:Discord:AdminUserIds:0"] = DiscordPayloads.AdminUserId,
            ["StatusBot:Discord:AdminRoleIds:0"] = "1600000000000000001",
        };
        if (withPublicKey)
        {
            config["StatusBot:Discord:PublicKey"] = signer.PublicKeyHex;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(config);
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(DateTimeOffset.UtcNow));
        if (store is not null)
        {
            builder.Services.TryAddSingleton(store);
        }

        services?.Invoke(builder.Services);
        builder.Services.AddStatusBotCore();
        builder.Services.AddDiscord();
        var app = builder.Build();
        app.MapDiscord();

        var board = app.Services.GetRequiredService<StatusBoard>();
        await board.StartAsync(BoardState.Create(DemoCatalog.Services, DemoCatalog.Upstreams), null, CancellationToken.None);
        var time = app.Services.GetRequiredService<TimeProvider>();
        await board.ExecuteAsync(_ => Decision.Apply(new BoardInitialized(Actor.System, time.GetUtcNow())), CancellationToken.None);

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DiscordTestApp(app, signer, emulator, new Uri(address + "/"));
    }

    /// <summary>Posts a body signed now (by the app's clock) unless another time is given.</summary>
    public async Task<(HttpStatusCode Status, JsonNode? Json, string Text)> PostAsync(string body, DateTimeOffset? at = null)
    {
        using var request = Signer.Request(Endpoint, body, at ?? Time.GetUtcNow());
        return await SendAsync(request);
    }

    public async Task<(HttpStatusCode Status, JsonNode? Json, string Text)> SendAsync(HttpRequestMessage request)
    {
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = response.Content.Headers.ContentType?.MediaType == "application/json" ? JsonNode.Parse(text) : null;
        return (response.StatusCode, json, text);
    }

    public Task DrainDeferredAsync() => _app.Services.GetRequiredService<ChatDeferrals>().DrainAsync();

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.Services.GetRequiredService<StatusBoard>().DisposeAsync();
        await _app.DisposeAsync();
        await Emulator.DisposeAsync();
        Signer.Dispose();
    }
}
