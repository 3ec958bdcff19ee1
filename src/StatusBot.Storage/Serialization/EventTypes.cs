using System.Collections.Frozen;
using System.Text.Json.Serialization.Metadata;
using StatusBot.Core.Events;

namespace StatusBot.Storage.Serialization;

/// <summary>
/// The wire name of every event type and how to read it. The name is the class name and is part of the journal format:
/// renaming an event class needs an alias here, or old journals stop reading. A test checks that every
/// <see cref="BoardEvent"/> in Core is listed.
/// </summary>
internal static class EventTypes
{
    private static readonly FrozenDictionary<Type, JsonTypeInfo> ByType = new JsonTypeInfo[]
    {
        StorageJsonContext.Default.BoardInitialized,
        StorageJsonContext.Default.ServiceStatusChanged,
        StorageJsonContext.Default.IncidentOpened,
        StorageJsonContext.Default.IncidentUpdated,
        StorageJsonContext.Default.IncidentCauseChanged,
        StorageJsonContext.Default.IncidentResolved,
        StorageJsonContext.Default.IncidentServiceAdded,
        StorageJsonContext.Default.IncidentServiceRecovered,
        StorageJsonContext.Default.IncidentNoteAdded,
        StorageJsonContext.Default.IncidentEvidenceRecorded,
        StorageJsonContext.Default.PostmortemDrafted,
        StorageJsonContext.Default.PostmortemEdited,
        StorageJsonContext.Default.PostmortemPublished,
        StorageJsonContext.Default.ChannelSubscribed,
        StorageJsonContext.Default.ChannelUnsubscribed,
        StorageJsonContext.Default.ChannelLocaleChanged,
        StorageJsonContext.Default.ChannelDisabled,
        StorageJsonContext.Default.MaintenanceScheduled,
        StorageJsonContext.Default.MaintenanceCancelled,
        StorageJsonContext.Default.UpstreamStatusChanged,
        StorageJsonContext.Default.CrowdSurged,
        StorageJsonContext.Default.AnnouncementQueued,
        StorageJsonContext.Default.AnnouncementDelivered,
        StorageJsonContext.Default.AnnouncementFailed,
        StorageJsonContext.Default.WebhookEndpointAdded,
        StorageJsonContext.Default.WebhookEndpointRemoved,
        StorageJsonContext.Default.WebhookEndpointDisabled,
        StorageJsonContext.Default.WebhookQueued,
        StorageJsonContext.Default.ServiceFollowed,
        StorageJsonContext.Default.ServiceUnfollowed,
        StorageJsonContext.Default.FollowerNewsQueued,
        StorageJsonContext.Default.FollowerNewsSettled,
        StorageJsonContext.Default.PublicDraftWritten,
        StorageJsonContext.Default.PublicDraftApproved,
        StorageJsonContext.Default.PublicDraftSkipped,
        StorageJsonContext.Default.PublicDraftEdited,
    }.ToFrozenDictionary(t => t.Type);

    private static readonly FrozenDictionary<string, JsonTypeInfo> ByName = ByType.Values.ToFrozenDictionary(t => t.Type.Name, StringComparer.Ordinal);

    public static IEnumerable<Type> Known => ByType.Keys;

    public static JsonTypeInfo For(Type type) =>
        ByType.TryGetValue(type, out var info) ? info : throw new NotSupportedException($"Event type {type.Name} is not registered for storage.");

    public static JsonTypeInfo? For(string name) => ByName.GetValueOrDefault(name);
}
