using System.Text.Json;
using StatusBot.Core.Events;

namespace StatusBot.Storage.Serialization;

/// <summary>
/// One event as its wire name and JSON body: the format the journal's records hold in their <c>events</c> array and the
/// PostgreSQL store holds one row per event, so both stores read and write events the same way.
/// </summary>
internal static class EventJson
{
    public static string TypeName(BoardEvent e) => e.GetType().Name;

    public static void Write(Utf8JsonWriter writer, BoardEvent e) => JsonSerializer.Serialize(writer, e, EventTypes.For(e.GetType()));

    public static string Serialize(BoardEvent e) => JsonSerializer.Serialize(e, EventTypes.For(e.GetType()));

    /// <summary>Reads one event body; throws <see cref="StorageFormatException"/> for an unknown type or a bad body.</summary>
    public static BoardEvent Deserialize(string type, string json)
    {
        var info = EventTypes.For(type) ?? throw new StorageFormatException($"unknown event type '{type}' (written by a newer StatusBot?)");
        try
        {
            return (BoardEvent?)JsonSerializer.Deserialize(json, info) ?? throw new StorageFormatException("a null event");
        }
        catch (JsonException ex)
        {
            throw new StorageFormatException($"the {type} event is not valid JSON: " + ex.Message, ex);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or NotSupportedException or ArgumentException)
        {
            throw new StorageFormatException($"the {type} event holds values no StatusBot writes: " + ex.Message, ex);
        }
    }
}
