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
}
