using StatusBot.Core.Board;

namespace StatusBot.Monitoring;

/// <summary>Monitors start with the host, before the board has recovered its state: they wait for it.</summary>
internal static class BoardWait
{
    public static async Task UntilStartedAsync(StatusBoard board, TimeProvider time, CancellationToken cancellationToken)
    {
        while (!board.IsStarted)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken);
        }
    }
}
