namespace StatusBot.Discord;

/// <summary>
/// The <c>StatusBot:Discord</c> configuration section. Without <see cref="PublicKey"/> the interactions endpoint is off;
/// without <see cref="BotToken"/> nothing is posted and the gateway cannot connect.
/// </summary>
public sealed class DiscordOptions
{
    public const string Section = "StatusBot:Discord";

    public const string DefaultApiBaseUrl = "https://discord.com/api/v10";

    /// <summary>The application id (a snowflake), needed to register commands and to finish deferred replies.</summary>
    public string? ApplicationId { get; set; }

    /// <summary>The application's Ed25519 public key, 64 hex characters (Developer Portal, General Information).</summary>
    public string? PublicKey { get; set; }

    /// <summary>The bot token, sent as <c>Authorization: Bot …</c>; never logged.</summary>
    public string? BotToken { get; set; }

    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>Role ids whose members are admins, besides members with ADMINISTRATOR or MANAGE_GUILD.</summary>
    public List<string> AdminRoleIds { get; set; } = [];

    public List<string> AdminUserIds { get; set; } = [];

    /// <summary>Connect to the gateway (for bots without a public URL for the interactions endpoint).</summary>
    public bool UseGateway { get; set; }

    /// <summary>
    /// How long a command may run before the reply is deferred (Discord invalidates the token after 3 s); 0 defers every
    /// answer that is not ready at once.
    /// </summary>
    public int DeferAfterMilliseconds { get; set; } = 2000;

    /// <summary>How far the signed timestamp may be from now, in seconds.</summary>
    public int MaxClockSkewSeconds { get; set; } = 300;

    /// <summary>How long one REST attempt may take before it counts as a timeout and is retried.</summary>
    public double RequestTimeoutSeconds { get; set; } = 10;

    public bool InteractionsEnabled => !string.IsNullOrWhiteSpace(PublicKey);
}
