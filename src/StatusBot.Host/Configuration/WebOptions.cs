namespace StatusBot.Host.Configuration;

/// <summary>The <c>StatusBot:Web</c> section: how the status page and its API present themselves.</summary>
public sealed class WebOptions
{
    /// <summary>The page's title and the <c>page.name</c> of the JSON API.</summary>
    public string PageName { get; set; } = "Service status";

    /// <summary>
    /// The public address of the page (behind a proxy, the proxy's), used for links in the API and the feed and for the
    /// Slack manifest. Unset: <c>StatusBot:Slack:PublicUrl</c>, else the first address <c>serve</c> listens on.
    /// </summary>
    public string PublicUrl { get; set; } = "";
}
