using Npgsql;

namespace StatusBot.Storage.Postgres;

/// <summary>
/// Runs a session on a dedicated connection again and again until the host stops: after a failure it waits
/// <see cref="PostgresTimings.ReconnectDelay"/>, doubling up to <see cref="PostgresTimings.MaxReconnectDelay"/> while the
/// failures come without a connection in between (the database is down), and starting small again after one that had
/// connected (the database restarted, a session was cut).
/// </summary>
internal static class ReconnectLoop
{
    /// <summary>
    /// Runs <paramref name="session"/> (which calls the action it is given once connected) until
    /// <paramref name="stoppingToken"/> is cancelled, telling <paramref name="failed"/> about each failure (described without
    /// credentials) and the wait before the next try.
    /// </summary>
    public static async Task RunAsync(
        PostgresTimings timings,
        NpgsqlDataSource dataSource,
        Func<Action, CancellationToken, Task> session,
        Action<string, TimeSpan> failed,
        CancellationToken stoppingToken)
    {
        var delay = timings.ReconnectDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            var connected = false;
            try
            {
                await session(() => connected = true, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or StorageException or TimeoutException or IOException or OperationCanceledException)
            {
                if (connected)
                {
                    delay = timings.ReconnectDelay;
                }

                failed(PostgresConnections.Describe(ex, dataSource), delay);
            }

            try
            {
                await Task.Delay(delay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = timings.NextDelay(delay);
        }
    }
}
