namespace StatusBot.Host.Configuration;

/// <summary>One entry of <c>StatusBot:Upstreams</c>: a provider the services depend on.</summary>
public sealed class UpstreamOptions
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Statuspage-compatible summary URL or status feed, when the provider has one.</summary>
    public string? FeedUrl { get; set; }

    /// <summary>The provider's components that matter to us (names as the feed gives them).</summary>
    public List<string> Components { get; set; } = [];

    /// <summary>
    /// SHA-256 (hex) of the secret token in this upstream's Statuspage webhook URL (<c>/hooks/statuspage?token=…</c>); the
    /// token says which upstream a notification is about. Polling keys (<c>Kind</c>, <c>Poll</c>, <c>IntervalSeconds</c>,
    /// <c>TimeoutSeconds</c>, <c>StaleAfterHours</c>) are read by StatusBot.Monitoring's <c>MonitoredUpstream</c>.
    /// </summary>
    public string? WebhookTokenSha256 { get; set; }
}
