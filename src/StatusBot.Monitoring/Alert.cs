namespace StatusBot.Monitoring;

/// <summary>One alert of an Alertmanager notification.</summary>
public sealed record Alert(
    string Status,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    string? Fingerprint)
{
    public bool IsFiring => Status == "firing";

    public string Name => Labels.GetValueOrDefault("alertname") ?? Fingerprint ?? "unnamed";
}
