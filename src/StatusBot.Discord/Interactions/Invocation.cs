using System.Globalization;
using System.Text.Json;
using StatusBot.Discord.Wire;

namespace StatusBot.Discord.Interactions;

/// <summary>
/// What a slash command interaction invoked, independent of the catalog: the words (<c>incident</c>, <c>open</c>), the
/// leaf options as text, and the option being typed when it is an autocomplete.
/// </summary>
internal sealed record Invocation(IReadOnlyList<string> Words, IReadOnlyDictionary<string, string> Options, string? Focused)
{
    public string Name => string.Join(' ', Words);

    public static Invocation From(InteractionData data)
    {
        var words = new List<string> { data.Name ?? "" };
        var options = data.Options ?? [];

        // Descend through the subcommand group and subcommand (at most two levels, as Discord allows).
        while (options.Count == 1 && options[0].Type is CommandOption.SubCommand or CommandOption.SubCommandGroup)
        {
            words.Add(options[0].Name ?? "");
            options = options[0].Options ?? [];
        }

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? focused = null;
        foreach (var option in options)
        {
            if (string.IsNullOrEmpty(option.Name) || option.Value is not { } value)
            {
                continue;
            }

            values[option.Name] = Text(value);
            if (option.Focused == true)
            {
                focused = option.Name;
            }
        }

        return new Invocation(words, values, focused);
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Number => value.TryGetInt64(out var n) ? n.ToString(CultureInfo.InvariantCulture) : value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => "",
    };
}
