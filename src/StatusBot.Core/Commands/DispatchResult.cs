using StatusBot.Core.Replies;

namespace StatusBot.Core.Commands;

/// <summary>The answer to a command and how it ended.</summary>
public sealed record DispatchResult(Reply Reply, CommandOutcome Outcome, CommandSpec? Spec);
