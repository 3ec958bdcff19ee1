namespace StatusBot.Announcing;

/// <summary>The <c>StatusBot:Announcements</c> configuration section.</summary>
public sealed class AnnouncementOptions
{
    public const string Section = "StatusBot:Announcements";

    /// <summary>How often an open incident promises an update; when it passes with no human word, a holding update is posted.</summary>
    public int UpdateIntervalMinutes { get; set; } = 30;

    /// <summary>The language of the holding updates written to the timeline (each channel still gets its own language).</summary>
    public string Locale { get; set; } = "en";

    /// <summary>Channels that always receive announcements, in addition to those subscribed from chat.</summary>
    public List<ChannelOptions> Channels { get; set; } = [];

    public AnnouncementTemplates Templates { get; set; } = new();

    /// <summary>Where admins are told that a channel was disabled (403/404, removed bot, archived); none when not set.</summary>
    public ChannelOptions? AdminChannel { get; set; }

    /// <summary>How many channels are sent to at once (each publisher still enforces its platform's limits).</summary>
    public int MaxParallelSends { get; set; } = 16;

    /// <summary>The longest wait between two attempts of a post the platform asked to retry.</summary>
    public int MaxBackoffSeconds { get; set; } = 300;

    /// <summary>How often the announcer looks for due work even when nothing was committed.</summary>
    public int PollSeconds { get; set; } = 30;

    public TimeSpan UpdateInterval => TimeSpan.FromMinutes(UpdateIntervalMinutes);
}
