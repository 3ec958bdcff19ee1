namespace StatusBot.Core.Board;

/// <summary>
/// Which instance does the work that must happen once: probes' decisions, upstream polling, the announcer, snapshots. With
/// one process (the file store) it always leads; with several on one database, one holds a lock and the others wait.
/// </summary>
public interface ILeadership
{
    bool IsLeader { get; }

    /// <summary>
    /// Completes once this instance leads. The token it returns is cancelled when leadership is lost (the lock's connection
    /// broke), so work started under it stops.
    /// </summary>
    Task<CancellationToken> AcquireAsync(CancellationToken cancellationToken);
}

/// <summary>The only instance: always the leader.</summary>
public sealed class SoleLeadership : ILeadership
{
    public bool IsLeader => true;

    public Task<CancellationToken> AcquireAsync(CancellationToken cancellationToken) => Task.FromResult(CancellationToken.None);
}

public static class LeadershipExtensions
{
    /// <summary>
    /// Runs <paramref name="work"/> each time this instance becomes leader, with a token cancelled when it stops leading or
    /// the host stops. If the work ends on its own, waits for the lead to be lost before starting it again.
    /// </summary>
    public static async Task RunWhileLeaderAsync(this ILeadership leadership, Func<CancellationToken, Task> work, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            CancellationToken lost;
            try
            {
                lost = await leadership.AcquireAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            using var leading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lost);
            try
            {
                await work(leading.Token);
                if (!lost.CanBeCanceled)
                {
                    return;
                }

                await Task.Delay(Timeout.Infinite, leading.Token);
            }
            catch (OperationCanceledException) when (leading.IsCancellationRequested)
            {
                // Lost the lead or stopping: go round and wait for it again (or leave).
            }
        }
    }
}
