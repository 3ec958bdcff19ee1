using System.Text.Json.Serialization;
using StatusBot.Core.Events;
using StatusBot.Storage.Snapshots;

namespace StatusBot.Storage.Serialization;

/// <summary>
/// Source-generated JSON for everything written to disk. Core stays free of JSON attributes: the event types are listed
/// here, and the type name written next to each event is its class name (see <see cref="EventTypes"/>).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BoardInitialized))]
[JsonSerializable(typeof(ServiceStatusChanged))]
[JsonSerializable(typeof(IncidentOpened))]
[JsonSerializable(typeof(IncidentUpdated))]
[JsonSerializable(typeof(IncidentCauseChanged))]
[JsonSerializable(typeof(IncidentResolved))]
[JsonSerializable(typeof(IncidentServiceAdded))]
[JsonSerializable(typeof(IncidentServiceRecovered))]
[JsonSerializable(typeof(IncidentNoteAdded))]
[JsonSerializable(typeof(IncidentEvidenceRecorded))]
[JsonSerializable(typeof(PostmortemDrafted))]
[JsonSerializable(typeof(PostmortemEdited))]
[JsonSerializable(typeof(PostmortemPublished))]
[JsonSerializable(typeof(ChannelSubscribed))]
[JsonSerializable(typeof(ChannelUnsubscribed))]
[JsonSerializable(typeof(ChannelLocaleChanged))]
[JsonSerializable(typeof(ChannelDisabled))]
[JsonSerializable(typeof(MaintenanceScheduled))]
[JsonSerializable(typeof(MaintenanceCancelled))]
[JsonSerializable(typeof(UpstreamStatusChanged))]
[JsonSerializable(typeof(CrowdSurged))]
[JsonSerializable(typeof(AnnouncementQueued))]
[JsonSerializable(typeof(AnnouncementDelivered))]
[JsonSerializable(typeof(AnnouncementFailed))]
[JsonSerializable(typeof(WebhookEndpointAdded))]
[JsonSerializable(typeof(WebhookEndpointRemoved))]
[JsonSerializable(typeof(WebhookEndpointDisabled))]
[JsonSerializable(typeof(WebhookQueued))]
[JsonSerializable(typeof(ServiceFollowed))]
[JsonSerializable(typeof(ServiceUnfollowed))]
[JsonSerializable(typeof(FollowerNewsQueued))]
[JsonSerializable(typeof(FollowerNewsSettled))]
[JsonSerializable(typeof(PublicDraftWritten))]
[JsonSerializable(typeof(PublicDraftApproved))]
[JsonSerializable(typeof(PublicDraftSkipped))]
[JsonSerializable(typeof(PublicDraftEdited))]
[JsonSerializable(typeof(SnapshotDocument))]
[JsonSerializable(typeof(Deliveries.DeliveryRecord))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
