namespace StatusBot.Slack.Configuration;

/// <summary>
/// The <c>StatusBot:Slack</c> configuration section. Without <see cref="SigningSecret"/> the adapter is off; without
/// <see cref="BotToken"/> nothing is posted and admins come only from <see cref="AdminUserIds"/>; with
/// <see cref="AppToken"/> Socket Mode is used in addition to the HTTP routes.
/// </summary>
public sealed class SlackOptions
{
    public const string Section = "StatusBot:Slack";

    public const string DefaultApiBaseUrl = "https://slack.com/api/";

    public string? SigningSecret { get; set; }

    public string? BotToken { get; set; }

    public string? AppToken { get; set; }

    /// <summary>
    /// The bot token of each other workspace the app is installed in, by team id (<c>T…</c>): a direct message to a follower
    /// from that workspace, and a post to a channel configured with that <c>WorkspaceId</c>, use it; every other call uses
    /// <see cref="BotToken"/>.
    /// </summary>
    public Dictionary<string, string> WorkspaceBotTokens { get; set; } = new(StringComparer.Ordinal);

    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>Slack user ids that are admins whatever <c>users.info</c> says.</summary>
    public List<string> AdminUserIds { get; set; } = [];

    /// <summary>The umbrella slash command; its first word is the catalog command.</summary>
    public string CommandName { get; set; } = "/statusbot";

    /// <summary>Extra slash commands mapped to catalog commands, e.g. <c>"/incident": "incident"</c>, <c>"/why": "why"</c>.</summary>
    public Dictionary<string, string> Shortcuts { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long a <c>users.info</c> answer (admin flags, locale) is trusted.</summary>
    public int UserCacheMinutes { get; set; } = 10;

    /// <summary>
    /// How long a slash command may run before it is acknowledged and finished through <c>response_url</c>; 0 defers every
    /// answer that is not ready at once.
    /// </summary>
    public int InlineBudgetMilliseconds { get; set; } = 2000;

    /// <summary>Workspace-wide budget for posts, on top of Slack's one message per second per channel.</summary>
    public double WorkspaceMessagesPerSecond { get; set; } = 10;

    /// <summary>Attempts for 5xx answers and timeouts (each waits longer, up to <see cref="MaxBackoffSeconds"/>).</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>How many 429 answers one call may wait out (each honours Retry-After) before it gives up for now.</summary>
    public int MaxRateLimitWaits { get; set; } = 20;

    public double MaxBackoffSeconds { get; set; } = 30;

    public int RequestTimeoutSeconds { get; set; } = 10;

    /// <summary>Where Slack reaches this bot in HTTP mode (the manifest's request URLs are this plus <c>/slack/…</c>).</summary>
    public string PublicUrl { get; set; } = "https://statusbot.example.com";

    /// <summary>The app's name in the manifest (and the bot user's display name).</summary>
    public string AppName { get; set; } = "StatusBot";

    /// <summary>The default language when neither the channel nor the user says; bound from <c>StatusBot:Locale</c>.</summary>
    public string Locale { get; set; } = "en";

    public bool Enabled => !string.IsNullOrWhiteSpace(SigningSecret);

    public bool SocketMode => !string.IsNullOrWhiteSpace(AppToken);

    public bool CanPost => !string.IsNullOrWhiteSpace(BotToken);
}
