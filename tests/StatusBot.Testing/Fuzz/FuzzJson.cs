using System.Text.Json.Nodes;
using CsCheck;

namespace StatusBot.Testing.Fuzz;

/// <summary>Random JSON built from the keys a mapper looks for, so generated documents reach past "unknown field".</summary>
public static class FuzzJson
{
    /// <summary>A JSON value up to <paramref name="depth"/> levels deep: objects of <paramref name="keys"/>, arrays, or <paramref name="leaf"/>.</summary>
    public static Gen<JsonNode?> Node(string[] keys, Gen<JsonNode?> leaf, int depth) => depth == 0
        ? leaf
        : Gen.Frequency(
            (2, leaf),
            (3, Gen.Select(Gen.OneOf(keys), Node(keys, leaf, depth - 1)).Array[0, 6].Select(props =>
            {
                var o = new JsonObject();
                foreach (var (key, value) in props)
                {
                    o[key] = value;
                }

                return (JsonNode?)o;
            })),
            (1, Node(keys, leaf, depth - 1).Array[0, 4].Select(items => (JsonNode?)new JsonArray(items))));
}
