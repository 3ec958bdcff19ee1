using StatusBot.Core.Board;
using StatusBot.Core.Replies;
using StatusBot.Core.State;

namespace StatusBot.Core.Commands;

/// <summary>
/// A write command: <see cref="Decide"/> runs on the single writer against the latest state; <see cref="Confirm"/> builds
/// the answer once the events are durable and applied.
/// </summary>
public interface IDecisionHandler : ICommandHandler
{
    Decision Decide(BoardState state, ChatCommand command);

    Reply Confirm(BoardState state, ChatCommand command, Decision decision);
}
