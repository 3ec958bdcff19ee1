namespace StatusBot.Monitoring;

/// <summary>One item of a status feed: title, summary, publication time (null when unreadable) and place in the document.</summary>
public sealed record StatusFeedItem(string Title, string Summary, DateTimeOffset? Published, int Position);
