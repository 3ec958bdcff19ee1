using StatusBot.Core.Events;

namespace StatusBot.Core.Board;

/// <summary>
/// A store several instances append to (PostgreSQL). <see cref="IEventStore.AppendAsync"/> throws
/// <see cref="SequenceConflictException"/> when another instance appended first; the board then reads what it missed with
/// <see cref="ReadAfterAsync"/>, applies it, and decides again.
/// </summary>
public interface ISharedEventStore : IEventStore
{
    /// <summary>Up to <paramref name="max"/> events numbered after <paramref name="sequence"/>, in order.</summary>
    ValueTask<IReadOnlyList<BoardEvent>> ReadAfterAsync(long sequence, int max, CancellationToken cancellationToken);
}
