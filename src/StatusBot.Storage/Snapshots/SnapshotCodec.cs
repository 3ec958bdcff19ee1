using System.Collections.Immutable;
using System.Text.Json;
using StatusBot.Core.Domain;
using StatusBot.Core.Following;
using StatusBot.Core.State;
using StatusBot.Storage.Serialization;

namespace StatusBot.Storage.Snapshots;

/// <summary>
/// Writes a <see cref="BoardState"/> as a snapshot and reads it back onto the configured initial state: the document both
/// stores keep (the journal's snapshot files, PostgreSQL's <c>snapshots</c> table). A public contract: <see cref="Encode"/>
/// and <see cref="Read"/>; the document's layout stays this assembly's own.
/// </summary>
public static class SnapshotCodec
{
    /// <summary>The snapshot of <paramref name="state"/> as UTF-8 JSON, schema version first.</summary>
    public static byte[] Encode(BoardState state, DateTimeOffset takenAt)
    {
        var document = new SnapshotDocument(
            SchemaVersion.Current,
            state.Sequence,
            state.NextIncidentNumber,
            state.Epoch,
            takenAt,
            [.. state.Services.Values.OrderBy(s => s.Id, StringComparer.Ordinal).Select(s => new ServiceSnapshot(s.Id, s.Status, s.Since, s.Note, s.History))],
            [.. state.Incidents.Values.OrderBy(i => i.Number)],
            [.. state.OpenIncidentIds],
            state.Announcements,
            state.Webhooks,
            state.Following,

            state.Publications);
        return JsonSerializer.SerializeToUtf8Bytes(document, StorageJsonContext.Default.SnapshotDocument);
    }

    /// <summary>
    /// Reads the snapshot in <paramref name="payload"/>, stored as the one of <paramref name="sequence"/>, onto
    /// <paramref name="initial"/>. A snapshot from a newer StatusBot is a <see cref="SchemaTooNewException"/>; one that is
    /// damaged, holds another sequence or values no StatusBot writes is a <see cref="StorageFormatException"/> (skip it).
    /// </summary>
    public static BoardState Read(BoardState initial, ReadOnlySpan<byte> payload, long sequence)
    {
        var document = Decode(payload);
        if (document.Sequence != sequence)
        {
            throw new StorageFormatException($"it holds sequence {document.Sequence}, not {sequence}");
        }

        return Restore(initial, document);
    }

    internal static SnapshotDocument Decode(ReadOnlySpan<byte> payload)
    {
        SnapshotDocument? document;
        try
        {
            // The version (written first) is checked before the rest is trusted: a newer layout may not even bind.
            var version = ReadVersion(payload);
            if (version > SchemaVersion.Current)
            {
                throw new SchemaTooNewException(version);
            }

            document = JsonSerializer.Deserialize(payload, StorageJsonContext.Default.SnapshotDocument);
        }
        catch (JsonException ex)
        {
            throw new StorageFormatException("the snapshot is not valid JSON: " + ex.Message, ex);
        }

        if (document is null)
        {
            throw new StorageFormatException("the snapshot is empty");
        }

        // Written by StatusBot, these are never missing; a snapshot without them is not one of ours.
        if (document.Services is null || document.Incidents is null || document.OpenIncidentIds is null ||
            document.Services.Any(s => s is null || s.Id is null || s.History is null) || document.Incidents.Any(i => !IsWhole(i)))
        {
            throw new StorageFormatException("the snapshot lacks parts of its services or incidents");
        }

        if (document.Announcements is { } announcements)
        {
            // Small next to the incidents: checked by writing it back, which fails on any part missing.
            try
            {
                _ = JsonSerializer.SerializeToUtf8Bytes(announcements, StorageJsonContext.Default.AnnouncementState);
            }
            catch (Exception ex) when (ex is NullReferenceException or InvalidOperationException or ArgumentException)
            {
                throw new StorageFormatException("the snapshot lacks parts of its announcements", ex);
            }
        }

        if (document.Webhooks is { } webhooks)
        {
            try
            {
                _ = JsonSerializer.SerializeToUtf8Bytes(webhooks, StorageJsonContext.Default.WebhookState);
            }
            catch (Exception ex) when (ex is NullReferenceException or InvalidOperationException or ArgumentException)
            {
                throw new StorageFormatException("the snapshot lacks parts of its webhooks", ex);
            }
        }

        if (document.Following is { } following && (following.Follows is null || following.FanOuts is null || following.Told is null
            || following.Follows.Values.Any(f => f?.Recipient?.UserId is null || f.ServiceId is null || f.Locale is null)
            || following.FanOuts.Values.Any(o => o?.IncidentId is null || o.Audience.IsDefault || o.Audience.Any(r => r?.Recipient?.UserId is null || r.Locale is null))))
        {
            throw new StorageFormatException("the snapshot lacks parts of its follows");
        }

        return document;
    }

    private static bool IsWhole(Incident? i) =>
        i is { Id: not null, Title: not null, Milestones: not null, Timeline: not null, Services.IsDefault: false, Segments.IsDefault: false } &&
        i.Services.All(s => s is { ServiceId: not null }) && i.Segments.All(s => s is not null) && i.Timeline.All(t => t is { Message: not null, Author: not null });

    private static long ReadVersion(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        if (reader.Read() && reader.TokenType == JsonTokenType.StartObject && reader.Read() &&
            reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("v") && reader.Read() && reader.TokenType == JsonTokenType.Number)
        {
            return reader.GetInt64();
        }

        throw new StorageFormatException("the snapshot does not start with its schema version");
    }

    /// <summary>
    /// Puts a snapshot's dynamic state onto <paramref name="initial"/> (which carries this run's definitions). Values no
    /// StatusBot writes (duplicate ids, missing parts) are a <see cref="StorageFormatException"/>, for either store to skip.
    /// </summary>
    internal static BoardState Restore(BoardState initial, SnapshotDocument document)
    {
        try
        {
            return RestoreCore(initial, document);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or NullReferenceException)
        {
            throw new StorageFormatException("the snapshot holds values no StatusBot writes: " + ex.Message, ex);
        }
    }

    private static BoardState RestoreCore(BoardState initial, SnapshotDocument document)
    {
        var services = initial.Services;
        foreach (var s in document.Services)
        {
            if (services.TryGetValue(s.Id, out var current))
            {
                services = services.SetItem(s.Id, current with { Status = s.Status, Since = s.Since, Note = s.Note, History = s.History });
            }
        }

        return initial with
        {
            Services = services,
            Incidents = document.Incidents.ToImmutableDictionary(i => i.Id),
            LatestIncidentByService = BoardState.IndexLatest(document.Incidents),
            OpenIncidentIds = [.. document.OpenIncidentIds],
            NextIncidentNumber = document.NextIncidentNumber,
            Sequence = document.Sequence,
            Epoch = document.Epoch,
            Announcements = document.Announcements ?? AnnouncementState.Empty,
            Webhooks = document.Webhooks ?? WebhookState.Empty,
            Following = document.Following ?? FollowState.Empty,
            Publications = document.Publications ?? PublicationState.Empty,
        };
    }
}
