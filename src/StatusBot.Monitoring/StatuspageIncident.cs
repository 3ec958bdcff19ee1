namespace StatusBot.Monitoring;

/// <summary>An unresolved incident of a Statuspage summary: id, name, status and the components it names.</summary>
public sealed record StatuspageIncident(string Id, string Name, string Status, IReadOnlyList<StatuspageComponent> Components);
