using Microsoft.Extensions.Logging;
using Npgsql;
using StatusBot.Core.Announcing;

namespace StatusBot.Storage.Postgres;

/// <summary>
/// Claims on <c>announcement_deliveries</c> rows so one instance sends each announcement: the row is locked with
/// <c>FOR UPDATE SKIP LOCKED</c> (a concurrent claimer skips it), and a free one gets a lease of
/// <see cref="PostgresTimings.DeliveryLease"/> for this instance. A lease that lapsed without a receipt is taken over and
/// reported as attempted before, so the sender looks for the earlier post first.
/// </summary>
public sealed partial class PostgresDeliveryLedger(
    NpgsqlDataSource dataSource,
    PostgresSchema schema,
    PostgresStoreStatus status,
    PostgresTimings timings,
    ILogger<PostgresDeliveryLedger> logger) : IDeliveryLedger
{
    public async ValueTask<DeliveryClaim> ClaimAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            await schema.EnsureAsync(cancellationToken);
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var claim = await ClaimCoreAsync(connection, transaction, entry, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return claim;
        }
        catch (NpgsqlException ex)
        {
            var description = PostgresConnections.Describe(ex, dataSource);
            status.ReportError(description);
            throw new StorageException("Could not claim the delivery in PostgreSQL: " + description, ex);
        }
    }

    public async ValueTask TakeOverAsync(CancellationToken cancellationToken)
    {
        try
        {
            await schema.EnsureAsync(cancellationToken);
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var release = new NpgsqlCommand(
                """
                UPDATE announcement_deliveries
                SET claimed_until = now()
                WHERE claimed_by <> @me AND claimed_until > now() AND delivered_at IS NULL AND failed_reason IS NULL
                """,
                connection);
            release.Parameters.AddWithValue("me", status.InstanceId);
            var released = await release.ExecuteNonQueryAsync(cancellationToken);
            if (released > 0)
            {
                LogReleased(logger, released);
            }
        }
        catch (NpgsqlException ex)
        {
            var description = PostgresConnections.Describe(ex, dataSource);
            status.ReportError(description);
            throw new StorageException("Could not take over the delivery claims in PostgreSQL: " + description, ex);
        }
    }

    private async Task<DeliveryClaim> ClaimCoreAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, OutboxEntry entry, CancellationToken cancellationToken)
    {
        await using (var select = Command(
            """
            SELECT delivered_at IS NOT NULL OR failed_reason IS NOT NULL,
                   claimed_by IS NOT NULL AND claimed_by <> @me AND claimed_until > now(),
                   attempts > 0
            FROM announcement_deliveries
            WHERE announcement_id = @id AND channel_key = @channel
            FOR UPDATE SKIP LOCKED
            """,
            connection,
            transaction,
            entry))
        {
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                var (done, heldElsewhere, attempted) = (reader.GetBoolean(0), reader.GetBoolean(1), reader.GetBoolean(2));
                await reader.CloseAsync();
                if (done)
                {
                    return new DeliveryClaim(DeliveryClaimStatus.Delivered, false);
                }

                if (heldElsewhere)
                {
                    return new DeliveryClaim(DeliveryClaimStatus.HeldElsewhere, false);
                }

                await TakeAsync(connection, transaction, entry, cancellationToken);
                return new DeliveryClaim(DeliveryClaimStatus.Claimed, attempted);
            }
        }

        // No row we could lock: either another claimer holds its lock right now, or there is none (queued before this
        // store existed). Insert it claimed; if it exists, the insert does nothing and the row is someone else's.
        await using var insert = Command(
            """
            INSERT INTO announcement_deliveries (announcement_id, channel_key, subject, version, queued_at, claimed_by, claimed_until, attempts)
            VALUES (@id, @channel, @subject, @version, @queued, @me, now() + @lease, 1)
            ON CONFLICT (announcement_id, channel_key) DO NOTHING
            """,
            connection,
            transaction,
            entry);
        insert.Parameters.AddWithValue("subject", entry.Subject);
        insert.Parameters.AddWithValue("version", entry.Version);
        insert.Parameters.AddWithValue("queued", entry.QueuedAt.ToUniversalTime());
        return await insert.ExecuteNonQueryAsync(cancellationToken) == 1
            ? DeliveryClaim.Free
            : new DeliveryClaim(DeliveryClaimStatus.HeldElsewhere, false);
    }

    private async Task TakeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, OutboxEntry entry, CancellationToken cancellationToken)
    {
        await using var update = Command(
            """
            UPDATE announcement_deliveries
            SET claimed_by = @me, claimed_until = now() + @lease, attempts = attempts + 1
            WHERE announcement_id = @id AND channel_key = @channel
            """,
            connection,
            transaction,
            entry);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Took over {Count} delivery claims from instances that no longer lead; those posts are checked for before being sent")]
    private static partial void LogReleased(ILogger logger, int count);

    /// <summary>A statement on the entry's row, with its key, this instance and the lease as <c>@id @channel @me @lease</c>.</summary>
    private NpgsqlCommand Command(string sql, NpgsqlConnection connection, NpgsqlTransaction transaction, OutboxEntry entry)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("id", entry.AnnouncementId);
        command.Parameters.AddWithValue("channel", entry.ChannelKey);
        command.Parameters.AddWithValue("me", status.InstanceId);
        if (sql.Contains("@lease", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("lease", timings.DeliveryLease);
        }

        return command;
    }
}
