using StatusBot.Core.Events;
using StatusBot.Core.State;

namespace StatusBot.Core.Board;

/// <summary>Told about every durable commit, in order, on the writer's thread: keep it quick (queue the work elsewhere).</summary>
public interface IBoardObserver
{
    void OnCommitted(IReadOnlyList<BoardEvent> events, BoardState state);
}
