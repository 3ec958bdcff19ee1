namespace StatusBot.Core.Domain;

/// <summary>
/// What an upstream last said about itself: its indicator (<c>none</c>, <c>minor</c>, <c>major</c>, <c>critical</c>), and
/// its current incident if any (name and Statuspage status such as <c>investigating</c>, <c>identified</c>, <c>resolved</c>).
/// </summary>
public sealed record UpstreamReport(string UpstreamId, string Indicator, string? IncidentName, string? IncidentStatus, DateTimeOffset At)
{
    /// <summary>
    /// When the upstream began reporting the trouble it still reports (kept across reports while the trouble lasts, so an
    /// incident going from <c>investigating</c> to <c>identified</c> keeps its start); null when it reports none.
    /// </summary>
    public DateTimeOffset? TroubleSince { get; init; }

    public bool HasTrouble => Indicator is not "none" || (IncidentName is not null && IncidentStatus is not "resolved" and not "postmortem");
}
