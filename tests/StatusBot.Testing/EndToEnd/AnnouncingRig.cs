using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StatusBot.Announcing;
using StatusBot.Core.Announcing;
using StatusBot.Core.Commands;
using StatusBot.Discord;
using StatusBot.Slack.Configuration;
using StatusBot.Slack.Publishing;
using StatusBot.Slack.WebApi;
using StatusBot.Testing.Discord;
using StatusBot.Testing.Slack;

namespace StatusBot.Testing.EndToEnd;

/// <summary>
/// The real announcer with the real Discord and Slack publishers (their REST clients, rate limiters and pacers), pointed at
/// the loopback emulators over HTTP, on the real clock. The board is a <see cref="TestBot"/> whose clock stands at the real
/// time, so holding updates do not fall due during a run. Slack can span several workspaces: one emulator and one Web API
/// client (token, pacer) per workspace <c>T1</c>, <c>T2</c>…
/// </summary>
public sealed class AnnouncingRig : IAsyncDisposable
{
    private readonly ServiceProvider _discordServices;

    private AnnouncingRig(TestBot bot, Announcer announcer, DiscordEmulator discord, IReadOnlyDictionary<string, SlackEmulator> slack, ServiceProvider discordServices)
    {
        Bot = bot;
        Announcer = announcer;
        Discord = discord;
        Slack = slack;
        _discordServices = discordServices;
    }

    public TestBot Bot { get; }

    public Announcer Announcer { get; }

    public DiscordEmulator Discord { get; }

    /// <summary>One Slack emulator per workspace id.</summary>
    public IReadOnlyDictionary<string, SlackEmulator> Slack { get; }

    public const string Guild = "900000000000000001";

    /// <summary>A Discord channel id (a snowflake) for channel number <paramref name="n"/>.</summary>
    public static ChannelRef DiscordChannel(int n) => new("discord", (100000000000000000L + n).ToString(System.Globalization.CultureInfo.InvariantCulture), Guild);

    public static ChannelRef SlackChannel(int n, int workspace = 1) => new("slack", $"C{workspace}{n:D5}", $"T{workspace}");

    public static async Task<AnnouncingRig> StartAsync(
        AnnouncementOptions? options = null,
        int slackWorkspaces = 1,
        Action<SlackOptions>? slack = null,
        IDictionary<string, string?>? discordSettings = null,
        ILoggerFactory? loggers = null)
    {
        options ??= new AnnouncementOptions();
        loggers ??= NullLoggerFactory.Instance;
        var discord = await DiscordEmulator.StartAsync();
        var workspaces = new Dictionary<string, SlackEmulator>(StringComparer.Ordinal);
        for (var w = 1; w <= slackWorkspaces; w++)
        {
            var emulator = await SlackEmulator.StartAsync();
            emulator.EnforceChannelRate = true;
            workspaces["T" + w] = emulator;
        }

        var provider = DiscordServices(discord.ApiBaseUrl, discordSettings, loggers);
        var discordPublisher = provider.GetServices<IChatPublisher>().Single(p => p.Platform == "discord");

        var slackPublishers = workspaces.ToDictionary(
            w => w.Key,
            w => (IChatPublisher)new SlackChatPublisher(SlackClient(w.Value.BaseUrl, slack, loggers)),
            StringComparer.Ordinal);

        var bot = await TestBot.StartAsync(start: DateTimeOffset.UtcNow);
        var renderer = new AnnouncementRenderer(options);
        var announcer = new Announcer(
            bot.Board,
            [discordPublisher, new SlackWorkspaces(slackPublishers)],
            options,
            renderer,
            new CadencePlanner(options, renderer),
            TimeProvider.System,
            loggers.CreateLogger<Announcer>());
        return new AnnouncingRig(bot, announcer, discord, workspaces, provider);
    }

    /// <summary>The Slack emulator of a channel's workspace.</summary>
    public SlackEmulator SlackOf(ChannelRef channel) => Slack[channel.WorkspaceId!];

    /// <summary>Subscribes each channel to every service, as an admin typing <c>channel subscribe</c> in it.</summary>
    public async Task SubscribeAsync(IEnumerable<ChannelRef> channels)
    {
        foreach (var channel in channels)
        {
            var result = await Bot.RunAsync("channel subscribe", TestBot.Admin() with { Channel = channel });
            if (result.Outcome != CommandOutcome.Changed)
            {
                throw new InvalidOperationException(result.Reply.ToPlainText());
            }
        }
    }

    /// <summary>Runs an admin command that must change something.</summary>
    public async Task RunAsync(string command)
    {
        var result = await Bot.RunAsync(command);
        if (result.Outcome != CommandOutcome.Changed)
        {
            throw new InvalidOperationException($"'{command}': {result.Reply.ToPlainText()}");
        }
    }

    /// <summary>
    /// Runs announcer passes, sleeping until each says the next is due (a retry, a Retry-After), until a pass leaves the
    /// outbox empty twice in a row (the second pass queues what the first one's outcomes call for, e.g. an admin notice).
    /// Returns the number of passes.
    /// </summary>
    public async Task<int> SettleAsync(TimeSpan? timeout = null)
    {
        var watch = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        var passes = 0;
        var emptyInARow = 0;
        while (true)
        {
            passes++;
            var next = await Announcer.RunOnceAsync(CancellationToken.None);
            var pending = await Announcer.PendingAsync(CancellationToken.None);
            emptyInARow = pending.Count == 0 ? emptyInARow + 1 : 0;
            if (emptyInARow == 2)
            {
                return passes;
            }

            if (watch.Elapsed > limit)
            {
                throw new TimeoutException($"{pending.Count} announcements still pending after {limit.TotalSeconds} s");
            }

            var wait = next - DateTimeOffset.UtcNow;
            await Task.Delay(wait < TimeSpan.FromMilliseconds(5) || emptyInARow > 0 ? TimeSpan.FromMilliseconds(5) : wait > TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await _discordServices.DisposeAsync();
        await Discord.DisposeAsync();
        foreach (var emulator in Slack.Values)
        {
            await emulator.DisposeAsync();
        }
    }

    /// <summary>
    /// The real Discord services (REST client, rate limiter, publisher, direct messenger) pointed at an emulator's API on the
    /// real clock, with <paramref name="settings"/> (<c>StatusBot:Discord:*</c> keys) on top.
    /// </summary>
    public static ServiceProvider DiscordServices(string apiBaseUrl, IDictionary<string, string?>? settings = null, ILoggerFactory? loggers = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["StatusBot:Discord:BotToken"] = DiscordEmulator.BotToken,
            ["StatusBot:Discord:ApiBaseUrl"] = apiBaseUrl,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(all).Build());
        services.AddSingleton(loggers ?? NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(TimeProvider.System);
        services.AddDiscord();
        return services.BuildServiceProvider();
    }

    /// <summary>The real Slack Web API client (token, pacer, 429 handling) of one workspace, pointed at an emulator's <paramref name="baseUrl"/>.</summary>
    public static SlackWebApiClient SlackClient(string baseUrl, Action<SlackOptions>? configure = null, ILoggerFactory? loggers = null)
    {
        loggers ??= NullLoggerFactory.Instance;
        var options = new SlackOptions { BotToken = SlackEmulator.BotToken, ApiBaseUrl = baseUrl, MaxBackoffSeconds = 2, RequestTimeoutSeconds = 2 };
        configure?.Invoke(options);
        return new SlackWebApiClient(new HttpClient(), Options.Create(options), TimeProvider.System, loggers.CreateLogger<SlackWebApiClient>());
    }
}
