using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StatusBot.Core.Announcing;
using StatusBot.Discord.Rest;
using StatusBot.Testing.Discord;

namespace StatusBot.Discord.Tests.Support;

/// <summary>The adapter's REST side (client, limiter, publisher) as the app wires it, pointed at a fresh emulator.</summary>
internal sealed class RestHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private RestHarness(ServiceProvider provider, DiscordEmulator emulator)
    {
        _provider = provider;
        Emulator = emulator;
    }

    public DiscordEmulator Emulator { get; }

    public DiscordRestClient Client => _provider.GetRequiredService<DiscordRestClient>();

    public IChatPublisher Publisher => _provider.GetRequiredService<IChatPublisher>();

    public InvalidRequestGuard Invalid => _provider.GetRequiredService<InvalidRequestGuard>();

    public static async Task<RestHarness> StartAsync(string token = DiscordEmulator.BotToken, double timeoutSeconds = 10)
    {
        var emulator = await DiscordEmulator.StartAsync();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["StatusBot:Discord:ApplicationId"] = DiscordPayloads.ApplicationId,
            ["StatusBot:Discord:BotToken"] = token,
            ["StatusBot:Discord:ApiBaseUrl"] = emulator.ApiBaseUrl,
            ["StatusBot:Discord:RequestTimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(config);
        services.AddLogging();
        services.AddDiscord();
        return new RestHarness(services.BuildServiceProvider(), emulator);
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
