using StatusBot.Core.State;

namespace StatusBot.Core.Board;

/// <summary>The outcome of a decision the board made durable (or refused): the decision and the state after it.</summary>
public sealed record CommitResult(Decision Decision, BoardState State);
