using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using StatusBot.Core.Board;
using StatusBot.Core.Telemetry;

namespace StatusBot.Storage.Postgres;

/// <summary>
/// Keeps this instance's board up to date with what the others append: LISTENs on <see cref="PostgresEventStore.Channel"/>
/// on a connection of its own and, on each notification and at least every <see cref="PostgresTimings.FollowerPoll"/>
/// (a notification sent while disconnected is lost), reads the head and has the board catch up. Reconnects with a growing
/// delay when the connection drops, reporting it in <see cref="PostgresStoreStatus"/>.
/// </summary>
public sealed partial class EventFollower(
    NpgsqlDataSource dataSource,
    PostgresSchema schema,
    StatusBoard board,
    PostgresStoreStatus status,
    PostgresTimings timings,
    ILogger<EventFollower> logger) : BackgroundService
{
    /// <summary>How many times the follower has (re)connected and listened; tests wait on it after a database restart.</summary>
    public int Connections => Volatile.Read(ref _connections);

    private int _connections;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        StatusBotMetrics.ObserveReplicationLag(() => board.IsStarted ? Math.Max(0, status.HeadSequence - board.Current.Sequence) : 0);
        try
        {
            await ReconnectLoop.RunAsync(
                timings,
                dataSource,
                FollowAsync,
                (description, delay) =>
                {
                    status.ReportError(description);
                    LogDisconnected(logger, description, delay.TotalSeconds);
                },
                stoppingToken);
        }
        finally
        {
            StatusBotMetrics.ObserveReplicationLag(null);
        }
    }

    private async Task FollowAsync(Action connected, CancellationToken stoppingToken)
    {
        await schema.EnsureAsync(stoppingToken);
        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
        connection.Notification += (_, e) =>
        {
            if (long.TryParse(e.Payload, NumberStyles.None, CultureInfo.InvariantCulture, out var head))
            {
                status.ObserveHead(head);
            }
        };
        await using (var listen = new NpgsqlCommand("LISTEN " + PostgresEventStore.Channel, connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        connected();
        status.ReportConnected();
        Interlocked.Increment(ref _connections);
        LogListening(logger);
        var poll = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (poll)
            {
                // Also proves the connection is alive: a dead one throws here and is replaced.
                await using var head = new NpgsqlCommand("SELECT coalesce(max(seq), 0) FROM events", connection);
                status.ObserveHead((long)(await head.ExecuteScalarAsync(stoppingToken))!);
                status.ReportConnected();
            }

            await CatchUpAsync(stoppingToken);
            poll = !await connection.WaitAsync(timings.FollowerPoll, stoppingToken);
        }
    }

    private async Task CatchUpAsync(CancellationToken stoppingToken)
    {
        if (!board.IsStarted || status.HeadSequence <= board.Current.Sequence)
        {
            return;
        }

        try
        {
            await board.CatchUpAsync(stoppingToken);
        }
        catch (StoreUnavailableException ex)
        {
            // The board's own read failed (its connection, not this one): the next wake-up tries again.
            LogCatchUpFailed(logger, ex.InnerException?.Message ?? ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Following the events table (LISTEN " + PostgresEventStore.Channel + ")")]
    private static partial void LogListening(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the database connection that follows the events ({Reason}); reconnecting in {Seconds} s")]
    private static partial void LogDisconnected(ILogger logger, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not catch up with the events table ({Reason}); retrying on the next notification or poll")]
    private static partial void LogCatchUpFailed(ILogger logger, string reason);
}
