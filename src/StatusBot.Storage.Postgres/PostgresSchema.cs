using Microsoft.Extensions.Logging;
using Npgsql;

namespace StatusBot.Storage.Postgres;

/// <summary>
/// Creates and upgrades the tables at start: a numbered list of steps, the highest applied one recorded in
/// <c>schema_version</c>. The steps run in one transaction holding a transaction-scoped advisory lock, so instances starting
/// together apply each step once (the others wait, then find nothing to do) and a failed step leaves nothing behind.
/// </summary>
public sealed partial class PostgresSchema(NpgsqlDataSource dataSource, ILogger<PostgresSchema> logger) : IDisposable
{
    /// <summary>The advisory lock key migrations hold ("StatusBot" schema, step 1).</summary>
    public const long MigrationLockKey = 0x5374_6174_7573_0001;

    /// <summary>Step N (1-based) brings the schema from version N-1 to N. Append new steps; never edit a released one.</summary>
    internal static readonly string[] Steps =
    [
        """
        CREATE TABLE events (
            seq bigint PRIMARY KEY,
            type text NOT NULL,
            format smallint NOT NULL,
            payload jsonb NOT NULL,
            recorded_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE TABLE snapshots (
            seq bigint PRIMARY KEY,
            document bytea NOT NULL,
            taken_at timestamptz NOT NULL
        );
        CREATE TABLE announcement_deliveries (
            announcement_id text NOT NULL,
            channel_key text NOT NULL,
            subject text NOT NULL,
            version integer NOT NULL,
            queued_at timestamptz NOT NULL,
            claimed_by text,
            claimed_until timestamptz,
            attempts integer NOT NULL DEFAULT 0,
            message_id text,
            delivered_at timestamptz,
            failed_reason text,
            PRIMARY KEY (announcement_id, channel_key)
        );
        CREATE INDEX announcement_deliveries_pending ON announcement_deliveries (queued_at)
            WHERE delivered_at IS NULL AND failed_reason IS NULL;
        CREATE TABLE alive_mark (
            id smallint PRIMARY KEY CHECK (id = 1),
            at timestamptz NOT NULL
        );
        """,
        """
        CREATE TABLE replay_claims (
            key text PRIMARY KEY,
            expires_at timestamptz NOT NULL
        );
        CREATE INDEX replay_claims_expiry ON replay_claims (expires_at);
        """,
        """
        ALTER TABLE announcement_deliveries
            ADD COLUMN thread_id text,
            ADD COLUMN card_version integer,
            ADD COLUMN settled_at timestamptz;
        UPDATE announcement_deliveries SET settled_at = coalesce(delivered_at, queued_at)
            WHERE delivered_at IS NOT NULL OR failed_reason IS NOT NULL;
        CREATE INDEX announcement_deliveries_settled ON announcement_deliveries (subject, channel_key, settled_at DESC)
            WHERE settled_at IS NOT NULL;
        """,
    ];

    public static int LatestVersion => Steps.Length;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _done;

    public void Dispose() => _gate.Dispose();

    /// <summary>Migrates once per process; later calls return at once. A failure is thrown and retried on the next call.</summary>
    public async ValueTask EnsureAsync(CancellationToken cancellationToken)
    {
        if (_done)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_done)
            {
                await MigrateAsync(cancellationToken);
                _done = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Applies the missing steps; returns the schema version afterwards.</summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(
            "SELECT pg_advisory_xact_lock(@key); " +
            "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());",
            connection,
            transaction))
        {
            command.Parameters.AddWithValue("key", MigrationLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        int current;
        await using (var command = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_version", connection, transaction))
        {
            current = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        if (current > LatestVersion)
        {
            throw new StorageException(
                $"The database schema is at version {current}, and this StatusBot knows up to version {LatestVersion}: upgrade StatusBot.");
        }

        for (var version = current + 1; version <= LatestVersion; version++)
        {
            await using var step = new NpgsqlCommand(Steps[version - 1] + ";INSERT INTO schema_version (version) VALUES (@version);", connection, transaction);
            step.Parameters.AddWithValue("version", version);
            await step.ExecuteNonQueryAsync(cancellationToken);
            LogApplied(logger, version);
        }

        await transaction.CommitAsync(cancellationToken);
        return LatestVersion;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema migrated to version {Version}")]
    private static partial void LogApplied(ILogger logger, int version);
}
