using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using StatusBot.Host.Hosting;
using StatusBot.Host.Tests.Cli;

namespace StatusBot.Host.Tests.Web;

/// <summary><c>serve</c> on a real loopback port, as a load balancer or an orchestrator would probe it.</summary>
public sealed class HealthEndpointsTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("statusbot-serve-").FullName;
    private WebApplication? _app;
    private HttpClient? _client;

    public async Task InitializeAsync()
    {
        var port = FreePort();
        _app = StatusBotWebApp.Create(new CliSettings(StatusBotProcess.DefaultConfig, _data, $"http://127.0.0.1:{port}"), b => b.Logging.ClearProviders());
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Healthz_Serving_200Ok()
    {
        var response = await _client!.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ok", body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readyz_BoardRecoveredAndStoreWritable_200()
    {
        var response = await _client!.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ok", body.RootElement.GetProperty("checks").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Healthz_Serving_BodyIsTheStatusAlone()
    {
        var response = await _client!.GetAsync("/healthz");

        Assert.Equal("""{"status":"ok"}""", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task HealthRoutes_Post_405(string path)
    {
        var response = await _client!.PostAsync(path, new StringContent(""));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task UnknownRoute_404()
    {
        var response = await _client!.GetAsync("/nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
