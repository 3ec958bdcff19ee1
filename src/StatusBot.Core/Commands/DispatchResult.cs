using StatusBot.Core.Events;
using StatusBot.Core.Replies;

namespace StatusBot.Core.Commands;

/// <summary>The answer to a command and how it ended; for a write, the events it made durable.</summary>
public sealed record DispatchResult(Reply Reply, CommandOutcome Outcome, CommandSpec? Spec)
{
    public IReadOnlyList<BoardEvent> Events { get; init; } = [];

    /// <summary>A rate-limit refusal to a caller who was already told: an unprompted answer (a mention) can be skipped.</summary>
    public bool RepeatedRefusal { get; init; }

    /// <summary>
    /// True when the answer is for the whole channel: the reply says so (an announcement-like confirmation), or a read was
    /// asked to be shared and answered. An error never is: it may quote the caller's own words back.
    /// </summary>
    public bool ForChannel { get; init; }

    /// <summary>
    /// What a question was about, so that a crowd asking the same thing in a channel can share one answer: the service id,
    /// or <see cref="OverviewTopic"/> for the overview; null for an answer that is nobody else's (a command, help, an error).
    /// </summary>
    public string? Topic { get; init; }

    /// <summary>The <see cref="Topic"/> of a question about every service at once ("is anything down?").</summary>
    public const string OverviewTopic = "*";

    /// <summary>True when the answer was made for an admin (so buttons only admins may press can be shown).</summary>
    public bool ForAdmin { get; init; }
}
