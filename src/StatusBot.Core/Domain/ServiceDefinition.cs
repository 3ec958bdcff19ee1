namespace StatusBot.Core.Domain;

/// <summary>A service people ask about (a Statuspage "component"), as configured.</summary>
public sealed record ServiceDefinition(
    string Id,
    string Name,
    IReadOnlyList<string> Aliases,
    string? Group,
    IReadOnlyList<string> DependsOn);
