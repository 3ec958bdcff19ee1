namespace StatusBot.Announcing;

/// <summary>The <c>StatusBot:Follow</c> configuration section: how direct messages to followers are sent.</summary>
public sealed class FollowOptions
{
    public const string Section = "StatusBot:Follow";

    /// <summary>
    /// How many direct messages are in flight at once per platform (per workspace on Slack). Each client still keeps to its limits
    /// (Discord's 50 requests a second, Slack's per-method tiers), so this only needs to be enough to reach them.
    /// </summary>
    public int MaxParallelSends { get; set; } = 64;

    /// <summary>The longest wait between two attempts of a direct message the platform asked to retry.</summary>
    public int MaxBackoffSeconds { get; set; } = 300;

    /// <summary>
    /// The public address the incident links in direct messages start with (<c>&lt;address&gt;/incidents/INC-3</c>); taken
    /// from <c>StatusBot:Web:PublicUrl</c> when not set. No link when neither is set.
    /// </summary>
    public string? PublicUrl { get; set; }
}
