using System.Collections.Immutable;

namespace StatusBot.Core.Domain;

/// <summary>An incident: what is broken, for whom, why, and everything said about it so far.</summary>
public sealed record Incident(
    string Id,
    string Title,
    IncidentStatus Status,
    Impact Impact,
    ImmutableArray<AffectedService> Services,
    ImmutableArray<string> Segments,
    long? UsersAffected,
    Cause? Cause,
    Milestones Milestones,
    DateTimeOffset? NextUpdateDue,
    ImmutableList<TimelineEntry> Timeline,
    bool Automatic)
{
    public bool IsResolved => Status == IncidentStatus.Resolved;

    /// <summary>Internal notes (probe and alert details) for admins; never shown on a public surface.</summary>
    public ImmutableList<IncidentNote> Notes { get; init; } = [];

    /// <summary>The evidence for each upstream this incident was blamed on or waited for.</summary>
    public ImmutableList<UpstreamEvidence> Evidence { get; init; } = [];

    /// <summary>The postmortem, once drafted.</summary>
    public Postmortem? Postmortem { get; init; }

    /// <summary>
    /// How far the channels are to be brought: one step per timeline entry and one per publication of the postmortem
    /// (published only once the incident is resolved, so its steps come after every entry).
    /// </summary>
    public int AnnouncedVersion => Timeline.Count + (Postmortem?.Publications ?? 0);

    /// <summary>A person stated the cause: the bot no longer changes it.</summary>
    public bool CauseSetByPerson { get; init; }

    /// <summary>The services still affected (an automatic incident keeps those that are back, marked recovered).</summary>
    public IEnumerable<AffectedService> StillAffected => Services.Where(s => s.RecoveredAt is null);

    public UpstreamEvidence? EvidenceFor(string upstreamId) => Evidence.FirstOrDefault(e => e.UpstreamId == upstreamId);

    public bool Affects(string serviceId) => Services.Any(s => s.ServiceId == serviceId);

    /// <summary>The incident's number, the <c>n</c> of <c>INC-n</c>.</summary>
    public long Number => IncidentIds.NumberOf(Id);

    /// <summary>How long it lasted, or has lasted so far.</summary>
    public TimeSpan Duration(DateTimeOffset now) => (Milestones.Resolved ?? now) - Milestones.Started;

    /// <summary>The newest update written by a person (not the bot).</summary>
    public TimelineEntry? LastHumanUpdate => Timeline.LastOrDefault(t => t.Kind == UpdateKind.Human);
}
