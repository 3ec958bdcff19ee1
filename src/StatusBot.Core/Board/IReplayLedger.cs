namespace StatusBot.Core.Board;

/// <summary>
/// Keys of signed requests already taken, each remembered until it expires, so a captured request replayed while its
/// signature is still fresh runs nothing. With one process the memory is enough; instances sharing a database share it.
/// </summary>
public interface IReplayLedger
{
    /// <summary>
    /// True the first time <paramref name="key"/> is claimed (the caller runs the request); false while an earlier claim has
    /// not reached <paramref name="until"/> (a repeat: run nothing). Concurrent claims of one key: exactly one is true.
    /// </summary>
    ValueTask<bool> TryClaimAsync(string key, DateTimeOffset until, CancellationToken cancellationToken);
}
