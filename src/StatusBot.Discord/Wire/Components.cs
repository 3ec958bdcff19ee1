namespace StatusBot.Discord.Wire;

/// <summary>The component types and button styles StatusBot sends (message components, not Components V2).</summary>
internal static class ComponentType
{
    public const int ActionRow = 1;
    public const int Button = 2;
}

internal static class ButtonStyle
{
    public const int Primary = 1;
    public const int Secondary = 2;
    public const int Danger = 4;
}

/// <summary>
/// One component of a message: an action row (<see cref="Components"/> holds up to five buttons) or a button
/// (<see cref="Label"/> up to 80 characters, <see cref="CustomId"/> up to 100, echoed back when pressed).
/// </summary>
internal sealed record MessageComponent
{
    public int Type { get; init; }

    public int? Style { get; init; }

    public string? Label { get; init; }

    public string? CustomId { get; init; }

    public List<MessageComponent>? Components { get; init; }
}
