using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StatusBot.Core.Announcing;
using StatusBot.Discord.Rest;
using StatusBot.Testing.Discord;

namespace StatusBot.Discord.Tests.Support;

/// <summary>The adapter's REST side (client, limiter, publisher) as the app wires it, pointed at a fresh emulator.</summary>
internal sealed class RestHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly CapturingLoggerProvider _logs;

    private RestHarness(ServiceProvider provider, CapturingLoggerProvider logs, DiscordEmulator emulator)
    {
        _provider = provider;
        _logs = logs;
        Emulator = emulator;
    }

    public DiscordEmulator Emulator { get; }

    public DiscordRestClient Client => _provider.GetRequiredService<DiscordRestClient>();

    public IChatPublisher Publisher => _provider.GetRequiredService<IChatPublisher>();

    public InvalidRequestGuard Invalid => _provider.GetRequiredService<InvalidRequestGuard>();

    /// <summary>Every message the REST side has logged so far.</summary>
    public IReadOnlyCollection<string> Logs => _logs.Messages;

    public static async Task<RestHarness> StartAsync(string token = DiscordEmulator.BotToken, double timeoutSeconds = 10, TimeProvider? time = null)
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
        var logs = new CapturingLoggerProvider();
        services.AddLogging(logging => logging.AddProvider(logs));
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddDiscord();
        return new RestHarness(services.BuildServiceProvider(), logs, emulator);
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        await Emulator.DisposeAsync();
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Enqueue(formatter(state, exception));

        public void Dispose()
        {
        }
    }
}
