namespace StatusBot.Monitoring;

/// <summary>
/// What an upstream's <c>FeedUrl</c> serves: a Statuspage <c>summary.json</c>, an RSS 2.0 or Atom feed, or
/// <see cref="Auto"/> (the default, so configurations written before kinds existed keep working): JSON is read as a
/// summary, XML as a feed.
/// </summary>
public enum UpstreamKind
{
    Auto,
    Statuspage,
    Rss,
    Atom,
}
