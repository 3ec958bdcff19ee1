using System.Collections.Immutable;
using StatusBot.Core.Domain;
using StatusBot.Core.Following;
using StatusBot.Core.State;

namespace StatusBot.Storage.Snapshots;

/// <summary>
/// The state as written in a snapshot. Service and upstream definitions are not in it: they come from the
/// configuration of the run that loads it, exactly as when the journal is replayed.
/// </summary>
internal sealed record SnapshotDocument(
    int V,
    long Sequence,
    long NextIncidentNumber,
    DateTimeOffset? Epoch,
    DateTimeOffset TakenAt,
    List<ServiceSnapshot> Services,
    List<Incident> Incidents,
    List<string> OpenIncidentIds,
    AnnouncementState? Announcements = null,
    WebhookState? Webhooks = null,
    FollowState? Following = null,

    PublicationState? Publications = null);

/// <summary>A service's dynamic part: status, since when, note and history.</summary>
internal sealed record ServiceSnapshot(string Id, ServiceStatus Status, DateTimeOffset Since, string? Note, ImmutableList<StatusTransition> History);
