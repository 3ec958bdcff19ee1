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

    public bool Affects(string serviceId) => Services.Any(s => s.ServiceId == serviceId);

    /// <summary>The incident's number, the <c>n</c> of <c>INC-n</c>.</summary>
    public long Number => IncidentIds.NumberOf(Id);

    /// <summary>How long it lasted, or has lasted so far.</summary>
    public TimeSpan Duration(DateTimeOffset now) => (Milestones.Resolved ?? now) - Milestones.Started;

    /// <summary>The newest update written by a person (not the bot).</summary>
    public TimelineEntry? LastHumanUpdate => Timeline.LastOrDefault(t => t.Kind == UpdateKind.Human);
}
