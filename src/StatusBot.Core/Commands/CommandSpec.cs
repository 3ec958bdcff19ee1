using System.Collections.Immutable;

namespace StatusBot.Core.Commands;

/// <summary>
/// A command as the catalog declares it: its words (<c>incident open</c>), options, who may run it, and the key of its
/// help text. Parsers, Discord registration, the Slack manifest and <c>help</c> are all driven by it.
/// </summary>
public sealed record CommandSpec(string Name, string Key, Permission Permission, ImmutableArray<OptionSpec> Options)
{
    /// <summary>True when the command changes state (it then goes through the single writer and waits for durability).</summary>
    public bool Mutates { get; init; }

    /// <summary>The first word for grouped commands (<c>incident</c> of <c>incident open</c>), else null.</summary>
    public string? Group => Name.Contains(' ', StringComparison.Ordinal) ? Name[..Name.IndexOf(' ', StringComparison.Ordinal)] : null;

    /// <summary>The last word (<c>open</c> of <c>incident open</c>, <c>status</c> of <c>status</c>).</summary>
    public string Leaf => Name[(Name.LastIndexOf(' ') + 1)..];

    public string HelpKey => "Help_" + Key;

    public string Usage => string.Join(' ', new[] { Name }.Concat(Options.Select(o => o.UsageToken)));

    public IEnumerable<OptionSpec> Positional => Options.Where(o => !o.NamedOnly);

    public OptionSpec? FindOption(string name) => Options.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The option that takes the rest of the line: the last positional one, when it is free text.</summary>
    public OptionSpec? RestOption => Positional.LastOrDefault() is { Kind: OptionKind.Text } last ? last : null;
}
