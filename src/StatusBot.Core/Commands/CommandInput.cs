using System.Collections.Immutable;

namespace StatusBot.Core.Commands;

/// <summary>
/// A command before validation: which command, the plain words in order, and the named values. Text commands fill
/// both; Discord fills only <see cref="Named"/>, since its options arrive by name; a typed source (the admin API's JSON)
/// fills <see cref="Values"/>.
/// </summary>
public sealed record CommandInput(CommandSpec Spec, ImmutableArray<string> Positional, ImmutableDictionary<string, string> Named)
{
    /// <summary>
    /// Options whose values arrive already typed: a <see cref="string"/>, a whole number (<see cref="long"/>) or a list
    /// of words (<see cref="IReadOnlyList{T}"/> of string, for several services or segments). Validated by the same rules
    /// as words, without being turned into text first.
    /// </summary>
    public ImmutableDictionary<string, object> Values { get; init; } = ImmutableDictionary<string, object>.Empty;

    private static readonly ImmutableDictionary<string, string> NoNames = ImmutableDictionary.Create<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>A command with typed option values; a null value is an option not given.</summary>
    public static CommandInput Typed(CommandSpec spec, IEnumerable<KeyValuePair<string, object?>> values)
    {
        var typed = ImmutableDictionary.CreateBuilder<string, object>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in values)
        {
            if (value is not null)
            {
                typed[name] = value;
            }
        }

        return new CommandInput(spec, [], NoNames) { Values = typed.ToImmutable() };
    }

    public static CommandInput Of(CommandSpec spec, IReadOnlyDictionary<string, string>? named = null) =>
        new(spec, [], named is null || named.Count == 0 ? NoNames : named.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase));
}
