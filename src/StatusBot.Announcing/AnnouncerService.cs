using StatusBot.Core.Board;

namespace StatusBot.Announcing;

/// <summary>Runs the announcer: a pass after each commit, and at the latest when the next retry, holding update or maintenance stage falls due.</summary>
/// <remarks>With several instances on one database only the leader announces; when it takes over, it resumes the outbox.</remarks>
public sealed class AnnouncerService(Announcer announcer, AnnouncerSignal signal, StatusBoard board, TimeProvider time, ILeadership? leadership = null)
    : OutboxService(announcer, signal, board, time, leadership);
