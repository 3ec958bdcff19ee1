using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StatusBot.Core.Board;

namespace StatusBot.Storage.Postgres;

/// <summary>
/// On the leader only, stores a snapshot every <see cref="StorageOptions.SnapshotIntervalSeconds"/> when the state moved,
/// so a new instance starts from it plus the events after it. The table keeps the newest two.
/// </summary>
public sealed partial class PostgresSnapshotService(
    StatusBoard board,
    PostgresEventStore store,
    ILeadership leadership,
    IOptions<StorageOptions> options,
    TimeProvider time,
    ILogger<PostgresSnapshotService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        leadership.RunWhileLeaderAsync(
            async leading =>
            {
                using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SnapshotIntervalSeconds), time);
                while (await timer.WaitForNextTickAsync(leading))
                {
                    await TakeIfChangedAsync(leading);
                }
            },
            stoppingToken);

    /// <summary>Stores a snapshot when the state moved since the last one; failures are logged and retried next tick.</summary>
    public async Task<bool> TakeIfChangedAsync(CancellationToken cancellationToken)
    {
        if (!board.IsStarted)
        {
            return false;
        }

        var state = board.Current;
        if (state.Sequence == 0 || state.Sequence <= store.LastSnapshotSequence)
        {
            return false;
        }

        try
        {
            await store.WriteSnapshotAsync(state, time.GetUtcNow(), cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or StorageException)
        {
            LogFailed(logger, state.Sequence, ex.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Snapshot at sequence {Sequence} failed ({Reason}); the events table still has every event")]
    private static partial void LogFailed(ILogger logger, long sequence, string reason);
}
