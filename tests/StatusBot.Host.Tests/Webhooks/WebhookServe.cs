using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using StatusBot.Core.Board;
using StatusBot.Core.Commands;
using StatusBot.Host.Hosting;
using StatusBot.Testing;
using StatusBot.Testing.Webhooks;

namespace StatusBot.Host.Tests.Webhooks;

/// <summary>
/// The real <c>serve</c> application on loopback with a fake clock, a fresh data directory and webhook endpoints that point
/// at a <see cref="WebhookReceiver"/> (private networks allowed, as the receiver is on loopback).
/// </summary>
public sealed class WebhookServe : IAsyncDisposable
{
    public const string AdminToken = "s3cret-admin-token";

    private readonly string _data;
    private readonly bool _ownsData;
    private WebApplication _app = null!;

    private WebhookServe(string? data)
    {
        _ownsData = data is null;
        _data = data ?? Path.Combine(Path.GetTempPath(), "statusbot-webhooks-" + Guid.NewGuid().ToString("N"));
    }

    public FakeTimeProvider Time { get; private set; } = new(TestBot.Start);

    public HttpClient Client { get; private set; } = null!;

    public IServiceProvider Services => _app.Services;

    public StatusBoard Board => Services.GetRequiredService<StatusBoard>();

    /// <summary>A secret in the Standard Webhooks form, different per <paramref name="seed"/>.</summary>
    public static string Secret(int seed) => "whsec_" + Convert.ToBase64String([.. Enumerable.Range(seed, 32).Select(i => (byte)i)]);

    public static async Task<WebhookServe> StartAsync(Dictionary<string, string?> settings, FakeTimeProvider? time = null, string? data = null)
    {
        var serve = new WebhookServe(data);
        if (time is not null)
        {
            serve.Time = time;
        }

        var all = new Dictionary<string, string?>(settings)
        {
            ["StatusBot:Webhooks:AllowPrivateNetworks"] = settings.GetValueOrDefault("StatusBot:Webhooks:AllowPrivateNetworks") ?? "true",
            ["StatusBot:Admin:ApiTokens:0:Name"] = "deploy-pipeline",
            ["StatusBot:Admin:ApiTokens:0:Sha256"] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData("s3cret-admin-token"u8)),
        };
        serve._app = StatusBotWebApp.Create(
            new CliSettings(RepoPaths.DefaultConfig, serve._data, "http://127.0.0.1:0"),
            builder =>
            {
                builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(serve.Time));
                builder.Configuration.AddInMemoryCollection(all);
            });
        await serve._app.StartAsync();
        var address = serve._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        serve.Client = new HttpClient { BaseAddress = new Uri(address) };
        serve.Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminToken);
        return serve;
    }

    /// <summary>Configuration of endpoint <paramref name="index"/>: the receiver's endpoint <paramref name="name"/>, its secret, its services.</summary>
    public static Dictionary<string, string?> Endpoint(int index, WebhookReceiver receiver, string name, params string[] services)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"StatusBot:Webhooks:Endpoints:{index}:Url"] = receiver.Url(name),
            [$"StatusBot:Webhooks:Endpoints:{index}:Secret"] = Secret(index),
        };
        for (var i = 0; i < services.Length; i++)
        {
            settings[$"StatusBot:Webhooks:Endpoints:{index}:Services:{i}"] = services[i];
        }

        return settings;
    }

    public async Task<DispatchResult> RunAsync(string command)
    {
        var result = await Services.GetRequiredService<StatusBot.Core.Chat.ChatPipeline>().RunAsync(command, TestBot.Admin());
        return result.Outcome is CommandOutcome.Changed ? result : throw new InvalidOperationException(result.Reply.ToPlainText());
    }

    /// <summary>
    /// Waits (real time, at most 20 s) until <paramref name="condition"/> holds, moving the fake clock on by
    /// <paramref name="step"/> each round so retries that fell due are sent.
    /// </summary>
    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan? step = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not hold within 20 s.");
            }

            if (step is { } by)
            {
                Time.Advance(by);
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownsData)
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
