namespace StatusBot.Discord.Wire;

/// <summary>A slash command as registered with <c>PUT /applications/{id}/commands</c>.</summary>
internal sealed record ApplicationCommand
{
    public string? Id { get; init; }

    public required string Name { get; init; }

    public int Type { get; init; } = 1;

    public required string Description { get; init; }

    public Dictionary<string, string>? NameLocalizations { get; init; }

    public Dictionary<string, string>? DescriptionLocalizations { get; init; }

    public List<CommandOption>? Options { get; init; }

    /// <summary>A permission bit set as a string; null = everyone. Discord hides the command from members without it.</summary>
    public string? DefaultMemberPermissions { get; init; }

    public List<int>? Contexts { get; init; }
}

internal sealed record CommandOption
{
    public const int SubCommand = 1;
    public const int SubCommandGroup = 2;
    public const int String = 3;
    public const int Integer = 4;

    public required int Type { get; init; }

    public required string Name { get; init; }

    public required string Description { get; init; }

    public Dictionary<string, string>? NameLocalizations { get; init; }

    public Dictionary<string, string>? DescriptionLocalizations { get; init; }

    public bool? Required { get; init; }

    public List<CommandChoice>? Choices { get; init; }

    public List<CommandOption>? Options { get; init; }

    public long? MinValue { get; init; }

    public long? MaxValue { get; init; }

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    public bool? Autocomplete { get; init; }
}

internal sealed record CommandChoice(string Name, string Value)
{
    public Dictionary<string, string>? NameLocalizations { get; init; }
}
