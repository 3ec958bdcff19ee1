namespace StatusBot.Monitoring;

/// <summary>The incident of a Statuspage webhook notification: name, status, and the components it lists with their status.</summary>
public sealed record StatuspageWebhookIncident(string Name, string Status, IReadOnlyList<(string Name, string Status)> Components);
