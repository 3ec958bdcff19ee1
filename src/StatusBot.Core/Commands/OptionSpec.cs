namespace StatusBot.Core.Commands;

/// <summary>
/// One option of a command. Positional options are filled in catalog order from plain words; named-only options are
/// given as <c>name:value</c> (or <c>name:"quoted value"</c>) in text, and by name on Discord.
/// </summary>
public sealed record OptionSpec(string Name, OptionKind Kind, bool Required = false, bool NamedOnly = false)
{
    /// <summary>Longest accepted text, for <see cref="OptionKind.Text"/>.</summary>
    public int MaxLength { get; init; } = 200;

    /// <summary>For the free text at the end of a line: the line breaks typed in it are kept (Markdown), not read as spaces.</summary>
    public bool KeepsLineBreaks { get; init; }

    public long Min { get; init; } = 1;

    public long Max { get; init; } = 100_000;

    /// <summary>The key of the option's description in the string resources (shared by options of the same meaning).</summary>
    public string DescriptionKey => "Option_" + Name.Replace("-", "", StringComparison.Ordinal);

    /// <summary>The option as it appears in a usage line: <c>&lt;service&gt;</c>, <c>[days]</c>, <c>[cause:"…"]</c>, <c>&lt;title…&gt;</c>.</summary>
    public string UsageToken
    {
        get
        {
            var value = Kind switch
            {
                OptionKind.Text => NamedOnly ? $"{Name}:\"…\"" : Name + "…",
                OptionKind.Integer when NamedOnly => $"{Name}:N",
                _ => NamedOnly ? $"{Name}:{Name}" : Name,
            };
            return Required ? $"<{value}>" : $"[{value}]";
        }
    }
}
