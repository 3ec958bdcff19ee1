using StatusBot.Core.Events;
using StatusBot.Core.Replies;

namespace StatusBot.Core.Commands;

/// <summary>The answer to a command and how it ended; for a write, the events it made durable.</summary>
public sealed record DispatchResult(Reply Reply, CommandOutcome Outcome, CommandSpec? Spec)
{
    public IReadOnlyList<BoardEvent> Events { get; init; } = [];

    /// <summary>A rate-limit refusal to a caller who was already told: an unprompted answer (a mention) can be skipped.</summary>
    public bool RepeatedRefusal { get; init; }
}
