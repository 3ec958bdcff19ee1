namespace StatusBot.Monitoring;

/// <summary>What a notification did: the services it was about, the alerts that named no known service, the events stored.</summary>
public sealed record AlertIngestResult(IReadOnlyList<string> Services, IReadOnlyList<string> Unmatched, int Events);
