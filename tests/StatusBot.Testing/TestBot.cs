using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StatusBot.Core;
using StatusBot.Core.Board;
using StatusBot.Core.Chat;
using StatusBot.Core.Commands;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Testing;

/// <summary>
/// A real bot (board, handlers, chat pipeline) over the demo catalog, on a fake clock and an in-memory store (or
/// the store a test gives). Commands run exactly as they do behind any platform.
/// </summary>
public sealed class TestBot : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2012, 12, 24, 20, 30, 0, TimeSpan.Zero);

    private readonly ServiceProvider _provider;

    private TestBot(ServiceProvider provider)
    {
        _provider = provider;
    }

    public FakeTimeProvider Time => (FakeTimeProvider)_provider.GetRequiredService<TimeProvider>();

    public IEventStore Store => _provider.GetRequiredService<IEventStore>();

    public StatusBoard Board => _provider.GetRequiredService<StatusBoard>();

    public ChatPipeline Pipeline => _provider.GetRequiredService<ChatPipeline>();

    public ChatDeferrals Deferrals => _provider.GetRequiredService<ChatDeferrals>();

    public Core.Crowd.CrowdWatch Crowd => _provider.GetRequiredService<Core.Crowd.CrowdWatch>();

    public BoardState State => Board.Current;

    public static Caller Admin(string locale = "en") => new(new Actor("test", "U-ADMIN", "Ada Admin"), true, Locales.Resolve(locale));

    public static Caller Viewer(string locale = "en") => new(new Actor("test", "U-VIEWER", "Vic Viewer"), false, Locales.Resolve(locale));

    public static async Task<TestBot> StartAsync(
        IEventStore? store = null,
        CommandSettings? settings = null,
        DateTimeOffset? start = null,
        RateLimitSettings? rateLimit = null)
    {
        var services = new ServiceCollection();
        if (rateLimit is not null)
        {
            services.AddSingleton(rateLimit);
        }

        services.AddSingleton<TimeProvider>(new FakeTimeProvider(start ?? Start));
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        if (store is not null)
        {
            services.AddSingleton(store);
        }

        services.AddStatusBotCore(settings);
        var bot = new TestBot(services.BuildServiceProvider());
        try
        {
            var initial = BoardState.Create(DemoCatalog.Services, DemoCatalog.Upstreams);
            await bot.Board.StartAsync(initial, null, CancellationToken.None);
            if (bot.Board.Current.Epoch is null)
            {
                await bot.Board.ExecuteAsync(_ => Decision.Apply(new BoardInitialized(Actor.System, bot.Time.GetUtcNow())), CancellationToken.None);
            }
        }
        catch
        {
            // A start that fails (a simulated power cut, a store that refuses) must not leave the board's writer behind.
            await bot.DisposeAsync();
            throw;
        }

        return bot;
    }

    /// <summary>Runs a text command as the admin (or the caller given); the reply's times as their UTC text.</summary>
    public async Task<DispatchResult> RunAsync(string text, Caller? caller = null) =>
        (await Pipeline.AnswerAsync(new ChatRequest(caller ?? Admin(), ChatInput.CommandText(text)), CancellationToken.None))!.Plain();

    /// <summary>Says something in plain words, as a mention or DM would; the reply's times as their UTC text.</summary>
    public async Task<DispatchResult?> AskAsync(string message, Caller? caller = null, bool mustAnswer = true) =>
        (await Pipeline.AnswerAsync(new ChatRequest(caller ?? Admin(), ChatInput.Message(message, mustAnswer)), CancellationToken.None))?.Plain();

    public void Advance(TimeSpan by) => Time.Advance(by);

    public async ValueTask DisposeAsync()
    {
        await Board.DisposeAsync();
        await _provider.DisposeAsync();
    }
}
