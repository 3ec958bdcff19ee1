using System.Buffers;
using System.Text.Json;
using StatusBot.Core.Events;

namespace StatusBot.Storage.Serialization;

/// <summary>
/// One journal record holds one group commit: <c>{"v":1,"seq":17,"events":[{"type":"IncidentOpened","data":{…}},…]}</c>.
/// A batch is the unit of atomicity: after a crash it is there whole or not at all, so no command is ever half-applied.
/// </summary>
internal static class EventBatchCodec
{
    public static byte[] Encode(IReadOnlyList<BoardEvent> events, long firstSequence)
    {
        var buffer = new ArrayBufferWriter<byte>(256 * Math.Max(1, events.Count));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", SchemaVersion.Current);
            writer.WriteNumber("seq", firstSequence);
            writer.WriteStartArray("events");
            foreach (var e in events)
            {
                writer.WriteStartObject();
                writer.WriteString("type", EventJson.TypeName(e));
                writer.WritePropertyName("data");
                EventJson.Write(writer, e);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a record written by <see cref="Encode"/>; throws <see cref="StorageFormatException"/> on anything else.</summary>
    public static (long FirstSequence, List<BoardEvent> Events) Decode(ReadOnlySpan<byte> payload)
    {
        try
        {
            return DecodeCore(payload);
        }
        catch (JsonException ex)
        {
            throw new StorageFormatException("the record is not valid event JSON: " + ex.Message, ex);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or NotSupportedException or ArgumentException)
        {
            // Text that is not UTF-8, a number that is not a whole 64-bit one, a value the event types cannot hold.
            throw new StorageFormatException("the record holds values no StatusBot writes: " + ex.Message, ex);
        }
    }

    private static (long, List<BoardEvent>) DecodeCore(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        Expect(ref reader, JsonTokenType.StartObject);
        var version = ReadNumberProperty(ref reader, "v");
        if (version > SchemaVersion.Current)
        {
            throw new SchemaTooNewException(version);
        }

        var sequence = ReadNumberProperty(ref reader, "seq");
        ExpectProperty(ref reader, "events");
        Expect(ref reader, JsonTokenType.StartArray);
        var events = new List<BoardEvent>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new StorageFormatException("an event is not an object");
            }

            ExpectProperty(ref reader, "type");
            Expect(ref reader, JsonTokenType.String);
            var name = reader.GetString()!;
            var info = EventTypes.For(name) ?? throw new StorageFormatException($"unknown event type '{name}' (written by a newer StatusBot?)");
            ExpectProperty(ref reader, "data");
            reader.Read();
            var e = (BoardEvent?)JsonSerializer.Deserialize(ref reader, info) ?? throw new StorageFormatException("a null event");
            events.Add(e);
            Expect(ref reader, JsonTokenType.EndObject);
        }

        return (sequence, events);
    }

    private static long ReadNumberProperty(ref Utf8JsonReader reader, string name)
    {
        ExpectProperty(ref reader, name);
        Expect(ref reader, JsonTokenType.Number);
        return reader.GetInt64();
    }

    private static void ExpectProperty(ref Utf8JsonReader reader, string name)
    {
        Expect(ref reader, JsonTokenType.PropertyName);
        if (!reader.ValueTextEquals(name))
        {
            throw new StorageFormatException($"expected property '{name}'");
        }
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (!reader.Read() || reader.TokenType != type)
        {
            throw new StorageFormatException($"expected {type}");
        }
    }
}
