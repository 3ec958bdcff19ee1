using StatusBot.Core.Events;
using StatusBot.Core.State;

namespace StatusBot.Announcing;

/// <summary>Wakes the follower notifier when a commit may owe followers a message: while anyone follows anything.</summary>
public sealed class FollowerSignal : CommitSignal
{
    protected override bool Concerns(IReadOnlyList<BoardEvent> events, BoardState state) => !state.Following.Follows.IsEmpty;
}
