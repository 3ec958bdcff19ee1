using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using StatusBot.Core.Board;
using StatusBot.Core.Telemetry;

namespace StatusBot.Storage.Postgres;

/// <summary>
/// Leadership as a session-level advisory lock held on a connection of its own. Every instance tries
/// <c>pg_try_advisory_lock</c> each <see cref="PostgresTimings.LeadershipCheck"/>; the one that gets it leads and checks its
/// connection as often. When a check fails or times out (the connection broke, the database restarted, the backend was
/// terminated), the leader's token is cancelled at once and it competes again on a new connection. PostgreSQL releases the
/// lock when the session ends, so another instance takes over within a few seconds of the leader dying.
/// </summary>
public sealed partial class PostgresLeadership(
    NpgsqlDataSource dataSource,
    PostgresStoreStatus status,
    PostgresTimings timings,
    ILogger<PostgresLeadership> logger) : BackgroundService, ILeadership
{
    /// <summary>The advisory lock key of the leader ("StatusBot" leader). Advisory locks are per database.</summary>
    public const long LockKey = 0x5374_6174_7573_4c64;

    private readonly Lock _gate = new();
    private TaskCompletionSource<CancellationToken> _acquired = NewAcquired();
    private CancellationTokenSource? _term;

    public bool IsLeader
    {
        get
        {
            lock (_gate)
            {
                return _term is { IsCancellationRequested: false };
            }
        }
    }

    /// <summary>The backend process id of the connection holding (or trying for) the lock; 0 when not connected.</summary>
    public int BackendProcessId { get; private set; }

    public async Task<CancellationToken> AcquireAsync(CancellationToken cancellationToken)
    {
        Task<CancellationToken> acquired;
        lock (_gate)
        {
            acquired = _acquired.Task;
        }

        return await acquired.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ReconnectLoop.RunAsync(
            timings,
            dataSource,
            CompeteAsync,
            (description, _) =>
            {
                BackendProcessId = 0;
                status.ReportError(description);
                if (Lose())
                {
                    LogLost(logger, status.InstanceId, description);
                }
                else
                {
                    LogCannotCompete(logger, description);
                }
            },
            stoppingToken);
        BackendProcessId = 0;
        if (Lose())
        {
            LogStepDown(logger, status.InstanceId);
        }
    }

    private async Task CompeteAsync(Action connected, CancellationToken stoppingToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
        connected();
        BackendProcessId = connection.ProcessID;

        // The server also probes this session, so a leader cut off by the network loses the lock in seconds.
        await using (var keepalive = new NpgsqlCommand("SET tcp_keepalives_idle = 5; SET tcp_keepalives_interval = 1; SET tcp_keepalives_count = 3", connection))
        {
            await keepalive.ExecuteNonQueryAsync(stoppingToken);
        }

        await using var tryLock = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
        tryLock.Parameters.AddWithValue("key", LockKey);
        while (!(bool)(await ExecuteCheckedAsync(tryLock, stoppingToken))!)
        {
            await Task.Delay(timings.LeadershipCheck, stoppingToken);
        }

        Gain();
        LogAcquired(logger, status.InstanceId);
        try
        {
            await using var check = new NpgsqlCommand("SELECT 1", connection);
            while (true)
            {
                await Task.Delay(timings.LeadershipCheck, stoppingToken);
                await ExecuteCheckedAsync(check, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: give the lock back now rather than when the connection closes.
            if (Lose())
            {
                LogStepDown(logger, status.InstanceId);
            }

            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            unlock.Parameters.AddWithValue("key", LockKey);
            using var quick = new CancellationTokenSource(timings.LeadershipCheckTimeout);
            await unlock.ExecuteScalarAsync(quick.Token);
            throw;
        }
    }

    /// <summary>Runs a check with its own timeout, so a connection that hangs counts as lost instead of stalling.</summary>
    private async Task<object?> ExecuteCheckedAsync(NpgsqlCommand command, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(timings.LeadershipCheckTimeout);
        try
        {
            return await command.ExecuteScalarAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the database did not answer within {timings.LeadershipCheckTimeout.TotalSeconds} s");
        }
    }

    private void Gain()
    {
        lock (_gate)
        {
            _term = new CancellationTokenSource();
            _acquired.TrySetResult(_term.Token);
        }

        StatusBotMetrics.LeadershipChanged(acquired: true);
    }

    /// <summary>Cancels the current term if there is one; true when this instance was leading.</summary>
    private bool Lose()
    {
        CancellationTokenSource? term;
        lock (_gate)
        {
            term = _term;
            _term = null;
            if (term is null)
            {
                return false;
            }

            _acquired = NewAcquired();
        }

        // Not disposed: work may still link to its token; it holds no timer.
        term.Cancel();
        StatusBotMetrics.LeadershipChanged(acquired: false);
        return true;
    }

    private static TaskCompletionSource<CancellationToken> NewAcquired() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {Instance} is now the leader")]
    private static partial void LogAcquired(ILogger logger, string instance);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {Instance} lost the lead ({Reason}); competing again")]
    private static partial void LogLost(ILogger logger, string instance, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {Instance} stepped down")]
    private static partial void LogStepDown(ILogger logger, string instance);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot compete for the lead ({Reason}); retrying")]
    private static partial void LogCannotCompete(ILogger logger, string reason);
}
