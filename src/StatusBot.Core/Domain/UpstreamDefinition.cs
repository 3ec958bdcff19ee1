namespace StatusBot.Core.Domain;

/// <summary>A provider the services depend on, as configured.</summary>
public sealed record UpstreamDefinition(string Id, string Name, string? FeedUrl, IReadOnlyList<string> Components);
