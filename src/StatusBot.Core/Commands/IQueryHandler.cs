using StatusBot.Core.Replies;
using StatusBot.Core.State;

namespace StatusBot.Core.Commands;

/// <summary>A read command: answered straight from the current state, never waiting for the writer.</summary>
public interface IQueryHandler : ICommandHandler
{
    Reply Answer(BoardState state, ChatCommand command);
}
