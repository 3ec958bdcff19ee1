using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using StatusBot.Host.Hosting;
using StatusBot.Testing.Discord;

namespace StatusBot.Host.Tests.Discord;

/// <summary>The real <c>serve</c> app, on a free loopback port with a temp config file, answering signed Discord requests.</summary>
public sealed class DiscordServeTests : IAsyncLifetime
{
    private readonly InteractionSigner _signer = new();
    private readonly HttpClient _http = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("statusbot-discord-").FullName;
    private WebApplication? _app;
    private Uri _root = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _signer.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Serve_SignedPing_ReturnsPong()
    {
        await StartAsync(_signer.PublicKeyHex);

        var (status, json) = await PostAsync(DiscordPayloads.Ping());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, json!["type"]!.GetValue<int>());
    }

    [Fact]
    public async Task Serve_BadSignature_Returns401()
    {
        await StartAsync(_signer.PublicKeyHex);
        using var stranger = new InteractionSigner();
        using var request = stranger.Request(new Uri(_root, "discord/interactions"), DiscordPayloads.Ping(), DateTimeOffset.UtcNow);

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Serve_AdminOpensIncident_ViewerSeesItInStatus()
    {
        await StartAsync(_signer.PublicKeyHex);
        var open = DiscordPayloads.Command(
            "incident open",
            new Dictionary<string, object> { ["services"] = "streaming", ["impact"] = "major", ["title"] = "Streaming fails on TV devices" },
            permissions: "8");

        var (openStatus, _) = await PostAsync(open);
        var (_, status) = await PostAsync(DiscordPayloads.Command("status", new Dictionary<string, object> { ["service"] = "streaming" }));

        Assert.Equal(HttpStatusCode.OK, openStatus);
        Assert.Contains("Streaming fails on TV devices", status!["data"]!["embeds"]![0]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_WithoutPublicKey_Returns404()
    {
        await StartAsync(publicKey: null);

        var (status, _) = await PostAsync(DiscordPayloads.Ping());

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task Serve_MalformedPublicKey_RefusesToStart()
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => StartAsync("abc"));

        Assert.Contains("PublicKey", error.Message, StringComparison.Ordinal);
    }

    private async Task StartAsync(string? publicKey)
    {
        var config = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "config", "statusbot.json")))!;
        var discord = new JsonObject { ["ApplicationId"] = DiscordPayloads.ApplicationId };
        if (publicKey is not null)
        {
            discord["PublicKey"] = publicKey;
        }

        config["StatusBot"]!["Discord"] = discord;
        var path = Path.Combine(_directory, "statusbot.json");
        await File.WriteAllTextAsync(path, config.ToJsonString());
        _root = new Uri($"http://127.0.0.1:{FreePort()}/");
        _app = StatusBotWebApp.Create(new CliSettings(path, Path.Combine(_directory, "data"), _root.ToString().TrimEnd('/')));
        await _app.StartAsync();
    }

    private async Task<(HttpStatusCode Status, JsonNode? Json)> PostAsync(string body)
    {
        using var request = _signer.Request(new Uri(_root, "discord/interactions"), body, DateTimeOffset.UtcNow);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType == "application/json" ? JsonNode.Parse(text) : null);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
