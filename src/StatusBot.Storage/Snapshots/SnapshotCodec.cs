using System.Collections.Immutable;
using System.Text.Json;
using StatusBot.Core.State;
using StatusBot.Storage.Serialization;

namespace StatusBot.Storage.Snapshots;

/// <summary>Writes a <see cref="BoardState"/> as a snapshot and reads it back onto the configured initial state.</summary>
internal static class SnapshotCodec
{
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
            state.Announcements);
        return JsonSerializer.SerializeToUtf8Bytes(document, StorageJsonContext.Default.SnapshotDocument);
    }

    public static SnapshotDocument Decode(ReadOnlySpan<byte> payload)
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

        return document ?? throw new StorageFormatException("the snapshot is empty");
    }

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

    /// <summary>Puts a snapshot's dynamic state onto <paramref name="initial"/> (which carries this run's definitions).</summary>
    public static BoardState Restore(BoardState initial, SnapshotDocument document)
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
        };
    }
}
