namespace StatusBot.Monitoring;

/// <summary>A component of a Statuspage page: id, name and status (<c>operational</c>, <c>major_outage</c>, …).</summary>
public sealed record StatuspageComponent(string Id, string Name, string Status);
