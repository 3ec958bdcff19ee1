using StatusBot.Core.Events;

namespace StatusBot.Core.Board;

/// <summary>What a command decided against the current state: events to apply, or a user error that changes nothing.</summary>
public sealed record Decision
{
    private Decision(IReadOnlyList<BoardEvent> events, string? error)
    {
        Events = events;
        Error = error;
    }

    public IReadOnlyList<BoardEvent> Events { get; }

    /// <summary>Why the command was refused, in the user's language; null when it was accepted.</summary>
    public string? Error { get; }

    public bool IsInvalid => Error is not null;

    public static Decision Apply(params IReadOnlyList<BoardEvent> events) => new(events, null);

    public static Decision Invalid(string error) => new([], error);

    public static Decision NoChange { get; } = new([], null);
}
