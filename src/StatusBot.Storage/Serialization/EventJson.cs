using System.Text.Json;
using StatusBot.Core.Events;

namespace StatusBot.Storage.Serialization;

/// <summary>
/// One event as its wire name and JSON body: the format the journal's records hold in their <c>events</c> array and the
/// PostgreSQL store holds one row per event, so both stores read and write events the same way. A public contract: the
/// wire name is the event's type name, the body its JSON; a reader refuses names it does not know rather than guess.
/// </summary>
public static class EventJson
{
    /// <summary>The wire name of <paramref name="e"/>: its type name (<c>IncidentOpened</c>).</summary>
    public static string TypeName(BoardEvent e) => e.GetType().Name;

    /// <summary>Writes the body of <paramref name="e"/> to <paramref name="writer"/>.</summary>
    public static void Write(Utf8JsonWriter writer, BoardEvent e) => JsonSerializer.Serialize(writer, e, EventTypes.For(e.GetType()));

    /// <summary>The body of <paramref name="e"/> as JSON text.</summary>
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
