namespace StatusBot.Monitoring;

/// <summary>
/// The monitoring part of a <c>StatusBot:Upstreams[]</c> entry: whether and how its <c>FeedUrl</c> is polled. Polling is
/// opt-in (<c>Poll: true</c>), so a configuration that only names a feed for people to read does not reach the internet.
/// </summary>
public sealed class MonitoredUpstream
{
    public string Id { get; set; } = "";

    public string? FeedUrl { get; set; }

    /// <summary><c>auto</c> (default: JSON is a Statuspage summary, XML a feed), <c>statuspage</c>, <c>rss</c> or <c>atom</c>.</summary>
    public string Kind { get; set; } = "auto";

    /// <summary><see cref="Kind"/> parsed; null when it names no kind (the validator refuses that at start).</summary>
    public UpstreamKind? ParsedKind => Enum.TryParse<UpstreamKind>(Kind, ignoreCase: true, out var kind) && !int.TryParse(Kind, out _) ? kind : null;

    public bool Poll { get; set; }

    public int IntervalSeconds { get; set; } = 120;

    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>A feed whose newest item is older than this reports nothing wrong (feeds keep old items for days).</summary>
    public int StaleAfterHours { get; set; } = 24;
}
