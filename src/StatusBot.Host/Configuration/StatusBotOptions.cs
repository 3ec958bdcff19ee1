namespace StatusBot.Host.Configuration;

/// <summary>The <c>StatusBot</c> configuration section: the services, their upstreams, the language, announcement cadence.</summary>
public sealed class StatusBotOptions
{
    public const string Section = "StatusBot";

    /// <summary>Default language of replies and posts: <c>en</c> or <c>fr</c>.</summary>
    public string Locale { get; set; } = "en";

    public List<ServiceOptions> Services { get; set; } = [];

    public List<UpstreamOptions> Upstreams { get; set; } = [];

    public AnnouncementsOptions Announcements { get; set; } = new();

    public WebOptions Web { get; set; } = new();

    public AdminOptions Admin { get; set; } = new();

    public HooksOptions Hooks { get; set; } = new();

    public WebhooksOptions Webhooks { get; set; } = new();

    public RateLimitOptions RateLimit { get; set; } = new();

    public ChatOptions Chat { get; set; } = new();

    public CrowdOptions Crowd { get; set; } = new();

    public HostTuningOptions Host { get; set; } = new();
}
