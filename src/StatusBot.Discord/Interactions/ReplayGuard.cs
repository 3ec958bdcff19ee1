using StatusBot.Core.Board;

namespace StatusBot.Discord.Interactions;

/// <summary>
/// Remembers the interaction ids already accepted, for longer than a signed timestamp stays fresh, so a captured request
/// replayed within the window is refused instead of run twice. The memory is a <see cref="LocalReplayLedger"/>: every id is
/// kept for the same time, so ids are forgotten in the order they were accepted, with no scan of the whole memory (which
/// holds every interaction of the last minutes during a crowd).
/// </summary>
public sealed class ReplayGuard(TimeProvider time, TimeSpan memory)
{
    private readonly LocalReplayLedger _accepted = new(time);

    public int Count => _accepted.Count;

    /// <summary>True the first time an id is seen; false for a replay.</summary>
    public bool TryAccept(string interactionId) => _accepted.TryClaim(interactionId, time.GetUtcNow() + memory);
}
