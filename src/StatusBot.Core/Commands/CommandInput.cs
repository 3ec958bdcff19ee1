using System.Collections.Immutable;

namespace StatusBot.Core.Commands;

/// <summary>
/// A command before validation: which command, the plain words in order, and the named values. Text commands fill
/// both; Discord fills only <see cref="Named"/>, since its options arrive by name.
/// </summary>
public sealed record CommandInput(CommandSpec Spec, ImmutableArray<string> Positional, ImmutableDictionary<string, string> Named)
{
    private static readonly ImmutableDictionary<string, string> NoNames = ImmutableDictionary.Create<string, string>(StringComparer.OrdinalIgnoreCase);

    public static CommandInput Of(CommandSpec spec, IReadOnlyDictionary<string, string>? named = null) =>
        new(spec, [], named is null || named.Count == 0 ? NoNames : named.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase));
}
