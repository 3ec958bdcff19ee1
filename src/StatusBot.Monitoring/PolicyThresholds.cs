namespace StatusBot.Monitoring;

/// <summary>How many failures in a row open an incident, and how many successes in a row resolve it.</summary>
public sealed record PolicyThresholds(int FailureThreshold = 3, int RecoveryThreshold = 3);
