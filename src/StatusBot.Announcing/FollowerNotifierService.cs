using StatusBot.Core.Board;

namespace StatusBot.Announcing;

/// <summary>Runs the follower notifier: a pass after each commit while someone follows, and when the next retry falls due.</summary>
/// <remarks>With several instances on one database only the leader sends; when it takes over, it resumes the fan-outs.</remarks>
public sealed class FollowerNotifierService(FollowerNotifier notifier, FollowerSignal signal, StatusBoard board, TimeProvider time, ILeadership? leadership = null)
    : OutboxService(notifier, signal, board, time, leadership);
