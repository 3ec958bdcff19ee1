namespace StatusBot.Core.Commands;

/// <summary>A command that could not be understood: what went wrong, about which option and value, and for which command.</summary>
public sealed record CommandError(CommandErrorKind Kind, CommandSpec? Spec = null, string? Option = null, string? Value = null)
{
    /// <summary>Extra facts for the message: the accepted choices, the limits, the group's subcommands.</summary>
    public IReadOnlyList<string> Details { get; init; } = [];

    /// <summary>What the user probably meant, for a mistyped command (<c>status</c> for <c>stauts</c>).</summary>
    public string? Suggestion { get; init; }
}
