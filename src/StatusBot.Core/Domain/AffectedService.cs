namespace StatusBot.Core.Domain;

/// <summary>A service an incident affects, with the status the incident gives it.</summary>
public sealed record AffectedService(string ServiceId, ServiceStatus Status);
