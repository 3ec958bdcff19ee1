namespace StatusBot.Monitoring;

/// <summary>What one probe saw. <see cref="Unknown"/> is a monitoring gap (the probe did not run): never counted as up.</summary>
public enum ProbeOutcome
{
    Up,
    Degraded,
    Down,
    Unknown,
}
