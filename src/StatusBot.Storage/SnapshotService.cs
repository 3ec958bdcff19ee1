using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StatusBot.Core.Board;
using StatusBot.Storage.Journal;

namespace StatusBot.Storage;

/// <summary>
/// Takes a snapshot every <see cref="StorageOptions.SnapshotIntervalSeconds"/> when something changed, and one more on a
/// clean stop. The state is immutable, so writing it never pauses readers or the writer.
/// </summary>
public sealed partial class SnapshotService(
    StatusBoard board,
    FileEventStore store,
    IOptions<StorageOptions> options,
    TimeProvider time,
    ILogger<SnapshotService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SnapshotIntervalSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                TakeIfChanged();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        TakeIfChanged();
    }

    /// <summary>Writes a snapshot when the state moved since the last one; failures are logged and retried next tick.</summary>
    public bool TakeIfChanged()
    {
        if (!board.IsStarted)
        {
            return false;
        }

        var state = board.Current;
        if (state.Sequence == store.LastSnapshotSequence)
        {
            return false;
        }

        try
        {
            store.WriteSnapshot(state);
            return true;
        }
        catch (Exception ex)
        {
            LogFailed(logger, state.Sequence, ex);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Snapshot at sequence {Sequence} failed; the journal still has every event")]
    private static partial void LogFailed(ILogger logger, long sequence, Exception exception);
}
