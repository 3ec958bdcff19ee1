using Microsoft.Extensions.Logging.Abstractions;
using StatusBot.Announcing.Publishing;
using StatusBot.Core.Announcing;
using StatusBot.Core.Commands;
using StatusBot.Testing;
using StatusBot.Testing.Announcing;
using StatusBot.Testing.Publishing;

namespace StatusBot.Announcing.Tests.Publishing;

/// <summary>A test bot whose announcer posts to the loopback X, Mastodon and Bluesky emulators, with drafts shown in a Discord admin channel.</summary>
internal sealed class PublicKit(TestBot bot, PublicTimelineEmulator emulator, FakeChatPublisher discord, IDeliveryLedger ledger, Func<Announcer> restart) : IAsyncDisposable
{
    public const string PublicUrl = "https://status.example.com";

    private Announcer _announcer = restart();

    public TestBot Bot => bot;

    public PublicTimelineEmulator Emulator => emulator;

    /// <summary>The Discord fake holding the admin channel's notices.</summary>
    public FakeChatPublisher Discord => discord;

    public IDeliveryLedger Ledger => ledger;

    /// <summary>The environment the publishers read their credentials from.</summary>
    public static readonly IReadOnlyDictionary<string, string> Environment = new Dictionary<string, string>
    {
        ["X_CONSUMER_KEY"] = PublicTimelineEmulator.XConsumerKey,
        ["X_CONSUMER_SECRET"] = PublicTimelineEmulator.XConsumerSecret,
        ["X_ACCESS_TOKEN"] = PublicTimelineEmulator.XAccessToken,
        ["X_ACCESS_TOKEN_SECRET"] = PublicTimelineEmulator.XAccessTokenSecret,
        ["MASTODON_TOKEN"] = PublicTimelineEmulator.MastodonToken,
        ["BLUESKY_HANDLE"] = PublicTimelineEmulator.BlueskyHandle,
        ["BLUESKY_APP_PASSWORD"] = PublicTimelineEmulator.BlueskyAppPassword,
    };

    public static PublisherOptions Publisher(string kind, PublicTimelineEmulator emulator, bool requireApproval = true, string locale = "en") => kind switch
    {
        "x" => new PublisherOptions
        {
            Kind = "x",
            BaseUrl = emulator.XBaseUrl,
            RequireApproval = requireApproval,
            Locale = locale,
            ConsumerKeyEnv = "X_CONSUMER_KEY",
            ConsumerSecretEnv = "X_CONSUMER_SECRET",
            AccessTokenEnv = "X_ACCESS_TOKEN",
            AccessTokenSecretEnv = "X_ACCESS_TOKEN_SECRET",
        },
        "mastodon" => new PublisherOptions { Kind = "mastodon", BaseUrl = emulator.MastodonBaseUrl, RequireApproval = requireApproval, Locale = locale, TokenEnv = "MASTODON_TOKEN" },
        _ => new PublisherOptions { Kind = "bluesky", BaseUrl = emulator.BlueskyBaseUrl, RequireApproval = requireApproval, Locale = locale, IdentifierEnv = "BLUESKY_HANDLE", AppPasswordEnv = "BLUESKY_APP_PASSWORD" },
    };

    public static async Task<PublicKit> StartAsync(Func<PublicTimelineEmulator, IEnumerable<PublisherOptions>> publishers, IReadOnlyDictionary<string, string>? environment = null)
    {
        var bot = await TestBot.StartAsync();
        var emulator = await PublicTimelineEmulator.StartAsync(bot.Time);
        var options = new AnnouncementOptions { AdminChannel = new ChannelOptions { Platform = "discord", ChannelId = "ADMIN", WorkspaceId = "G1" } };
        var publishing = new PublishingOptions { Publishers = [.. publishers(emulator)], Web = new PublishedWeb { PublicUrl = PublicUrl } };
        var env = environment ?? Environment;
        var discord = new FakeChatPublisher("discord");
        var ledger = new LocalDeliveryLedger();
        var renderer = new AnnouncementRenderer(options);

        // A restart is a new announcer (new clients, nothing in memory) over the same board and delivery ledger.
        Announcer Start() => new(
            bot.Board, [discord], options, renderer, new CadencePlanner(options, renderer), bot.Time, NullLogger<Announcer>.Instance, ledger,
            new PublicTimelines(publishing, [.. PublicTimelines.Create(publishing, () => new HttpClient(), bot.Time, name => env.GetValueOrDefault(name))]));
        return new PublicKit(bot, emulator, discord, ledger, Start);
    }

    public Task<DateTimeOffset> PassAsync() => _announcer.RunOnceAsync(CancellationToken.None);

    /// <summary>Runs passes (advancing the clock to each wake-up) until nothing is pending, at most <paramref name="passes"/>.</summary>
    public async Task SettleAsync(int passes = 10)
    {
        for (var i = 0; i < passes; i++)
        {
            var next = await PassAsync();
            if ((await _announcer.PendingAsync(CancellationToken.None)).Count == 0)
            {
                return;
            }

            Bot.Time.SetUtcNow(next);
        }
    }

    /// <summary>The process died and started again: what it held in memory is gone, the board and the ledger stay.</summary>
    public async Task RestartAsync()
    {
        _announcer = restart();
        await _announcer.TakeOverAsync(CancellationToken.None);
    }

    public Task<IReadOnlyList<OutboxEntry>> PendingAsync() => _announcer.PendingAsync(CancellationToken.None);

    public async Task<DispatchResult> RunAsync(string text, Caller? caller = null)
    {
        var result = await bot.RunAsync(text, caller);
        return result;
    }

    /// <summary>The admin notices of drafts posted so far, as the Discord admin channel received them.</summary>
    public IReadOnlyList<PublishCall> DraftNotices => [.. discord.Calls.Where(c => c.Channel.ChannelId == "ADMIN" && c.Result.Outcome == PublishOutcome.Delivered)];

    public async ValueTask DisposeAsync()
    {
        await emulator.DisposeAsync();
        await bot.DisposeAsync();
    }
}
