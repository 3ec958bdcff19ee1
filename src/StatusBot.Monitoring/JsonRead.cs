using System.Text.Json;

namespace StatusBot.Monitoring;

/// <summary>Small, strict readers for webhook JSON: a wrong type is a <see cref="FormatException"/> naming the field.</summary>
internal static class JsonRead
{
    public static string? OptionalString(JsonElement parent, string name, string where) =>
        parent.TryGetProperty(name, out var e) ? e.ValueKind switch
        {
            JsonValueKind.String => e.GetString(),
            JsonValueKind.Null => null,
            _ => throw new FormatException($"{where}.{name} must be a string."),
        } : null;

    public static string RequiredString(JsonElement parent, string name, string where) =>
        OptionalString(parent, name, where) ?? throw new FormatException($"{where}.{name} is missing.");

    public static JsonElement? OptionalObject(JsonElement parent, string name, string where) =>
        parent.TryGetProperty(name, out var e) ? e.ValueKind switch
        {
            JsonValueKind.Object => e,
            JsonValueKind.Null => null,
            _ => throw new FormatException($"{where}.{name} must be an object."),
        } : null;

    public static IReadOnlyDictionary<string, string> StringMap(JsonElement parent, string name, string where)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (OptionalObject(parent, name, where) is { } o)
        {
            foreach (var p in o.EnumerateObject())
            {
                map[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : throw new FormatException($"{where}.{name}.{p.Name} must be a string.");
            }
        }

        return map;
    }

    /// <summary>Parses a document whose root must be an object; a syntax error becomes a <see cref="FormatException"/>.</summary>
    public static JsonDocument Object(string json, string what)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The body is not JSON ({ex.Message})", ex);
        }

        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            doc.Dispose();
            throw new FormatException($"The body must be a JSON object ({what}).");
        }

        return doc;
    }
}
