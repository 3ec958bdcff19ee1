namespace StatusBot.Core.Board;

/// <summary>Another instance appended events after the ones this decision was made from: catch up and decide again.</summary>
public sealed class SequenceConflictException(long expectedSequence, string message) : Exception(message)
{
    /// <summary>The first sequence number the refused append would have used.</summary>
    public long ExpectedSequence { get; } = expectedSequence;
}
