using Microsoft.Extensions.Logging;
using Npgsql;
using StatusBot.Core.Board;

namespace StatusBot.Storage.Postgres;

/// <summary>
/// <see cref="IReplayLedger"/> shared by every instance on the database: a key is claimed by inserting it into
/// <c>replay_claims</c> (unique key, expiry); a concurrent or later insert of the same unexpired key changes no row and is
/// the repeat. Copies arriving at one instance are settled in its memory first, and that memory alone still holds while
/// the database cannot be reached (logged once until it can). Expired rows are deleted at most once a minute.
/// </summary>
public sealed partial class PostgresReplayLedger(
    NpgsqlDataSource dataSource,
    PostgresSchema schema,
    TimeProvider time,
    ILogger<PostgresReplayLedger> logger) : IReplayLedger
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly LocalReplayLedger _local = new(time);
    private long _nextSweepTicks;
    private int _failing;

    public async ValueTask<bool> TryClaimAsync(string key, DateTimeOffset until, CancellationToken cancellationToken)
    {
        if (!_local.TryClaim(key, until))
        {
            return false;
        }

        var now = time.GetUtcNow();
        try
        {
            await schema.EnsureAsync(cancellationToken);
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var next = Interlocked.Read(ref _nextSweepTicks);
            if (now.UtcTicks >= next && Interlocked.CompareExchange(ref _nextSweepTicks, (now + SweepInterval).UtcTicks, next) == next)
            {
                await using var sweep = new NpgsqlCommand("DELETE FROM replay_claims WHERE expires_at <= @now", connection);
                sweep.Parameters.AddWithValue("now", now.ToUniversalTime());
                await sweep.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var claim = new NpgsqlCommand(
                """
                INSERT INTO replay_claims (key, expires_at) VALUES (@key, @until)
                ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE replay_claims.expires_at <= @now
                """,
                connection);
            claim.Parameters.AddWithValue("key", key);
            claim.Parameters.AddWithValue("until", until.ToUniversalTime());
            claim.Parameters.AddWithValue("now", now.ToUniversalTime());
            var claimed = await claim.ExecuteNonQueryAsync(cancellationToken) == 1;
            if (Interlocked.Exchange(ref _failing, 0) == 1)
            {
                LogRecovered(logger);
            }

            return claimed;
        }
        catch (NpgsqlException ex)
        {
            if (Interlocked.Exchange(ref _failing, 1) == 0)
            {
                LogUnavailable(logger, PostgresConnections.Describe(ex, dataSource));
            }

            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check PostgreSQL for replayed Slack requests ({Reason}); this instance checks its own memory only until it can")]
    private static partial void LogUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed requests are checked in PostgreSQL again")]
    private static partial void LogRecovered(ILogger logger);
}
