using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using StatusBot.Host.Cli;

namespace StatusBot.Host.Tests.Cli;

/// <summary><c>statusbot healthcheck</c> calls <c>/healthz</c> where the bot listens: <c>--urls</c>, else ASPNETCORE_URLS (the image's).</summary>
public sealed class HealthCheckProcessTests : IAsyncLifetime
{
    private WebApplication? _bot;

    private string Address => _bot!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _bot = builder.Build();
        _bot.MapGet("/healthz", () => "ok");
        await _bot.StartAsync();
    }

    public async Task DisposeAsync() => await _bot!.DisposeAsync();

    [Fact]
    public async Task Healthcheck_Urls_CallsHealthzThere()
    {
        var result = await StatusBotProcess.RunAsync("", "healthcheck", "--urls", Address);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"{Address}/healthz: 200", result.Output.Trim());
    }

    [Fact]
    public async Task Healthcheck_AspNetCoreUrls_CallsHealthzThere()
    {
        var environment = new Dictionary<string, string> { ["ASPNETCORE_URLS"] = Address };

        var result = await StatusBotProcess.RunAsync("", environment, "healthcheck");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"{Address}/healthz: 200", result.Output.Trim());
    }

    [Theory]
    [InlineData("http://+:9090", "http://localhost:9090/healthz")]
    [InlineData("http://*:9090;https://+:9443", "http://localhost:9090/healthz")]
    [InlineData("http://0.0.0.0:80", "http://localhost:80/healthz")]
    [InlineData("http://[::]:8080/", "http://localhost:8080/healthz")]
    [InlineData("http://10.0.0.5:8080", "http://10.0.0.5:8080/healthz")]
    [InlineData(null, "http://localhost:8080/healthz")]
    public void UrlFor_WildcardHost_IsLocalhost(string? urls, string expected) =>
        Assert.Equal(expected, HealthCheck.UrlFor(urls));
}
