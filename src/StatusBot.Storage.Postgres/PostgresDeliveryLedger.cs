using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using StatusBot.Core.Announcing;

namespace StatusBot.Storage.Postgres;

/// <summary>
/// Claims on <c>announcement_deliveries</c> rows so one instance sends each announcement: the row is locked with
/// <c>FOR UPDATE SKIP LOCKED</c> (a concurrent claimer skips it), and a free one gets a lease of
/// <see cref="PostgresTimings.DeliveryLease"/> for this instance. A lease that lapsed without a receipt is taken over and
/// reported as attempted before, so the sender looks for the earlier post first. A receipt settles the row (message id,
/// thread, the card's version, or the reason it failed), and the last settled row of each subject and channel is the card.
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

    /// <summary>The last settled row of each subject and channel: one query per announcer pass.</summary>
    public async ValueTask<DeliveryBook> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            await schema.EnsureAsync(cancellationToken);
            await using var command = dataSource.CreateCommand(
                """
                SELECT DISTINCT ON (subject, channel_key)
                       announcement_id, channel_key, subject, coalesce(card_version, version), settled_at, message_id, thread_id, failed_reason
                FROM announcement_deliveries
                WHERE settled_at IS NOT NULL
                ORDER BY subject, channel_key, settled_at DESC, version DESC
                """);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var last = DeliveryBook.Empty.Last.ToBuilder();
            while (await reader.ReadAsync(cancellationToken))
            {
                var receipt = new DeliveryReceipt(
                    reader.GetString(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetInt32(3),
                    new DateTimeOffset(reader.GetFieldValue<DateTime>(4), TimeSpan.Zero),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.IsDBNull(7) ? null : reader.GetString(7));
                last[receipt.Key] = receipt;
            }

            return new DeliveryBook(last.ToImmutable());
        }
        catch (NpgsqlException ex)
        {
            var description = PostgresConnections.Describe(ex, dataSource);
            status.ReportError(description);
            throw new StorageException("Could not read the deliveries from PostgreSQL: " + description, ex);
        }
    }

    /// <summary>
    /// Settles the entry's row (adding it when it was queued before this store existed) and releases its claim; committed
    /// before it returns. <c>settled_at</c> is the server's clock, so the last receipt of a card is the last one recorded.
    /// </summary>
    public async ValueTask RecordAsync(DeliveryReceipt receipt, CancellationToken cancellationToken)
    {
        try
        {
            await schema.EnsureAsync(cancellationToken);
            await using var command = dataSource.CreateCommand(
                """
                INSERT INTO announcement_deliveries
                    (announcement_id, channel_key, subject, version, queued_at, delivered_at, message_id, thread_id, card_version, failed_reason, settled_at)
                VALUES (@id, @channel, @subject, @version, @at, @delivered, @message, @thread, @version, @error, clock_timestamp())
                ON CONFLICT (announcement_id, channel_key) DO UPDATE
                SET delivered_at = excluded.delivered_at, message_id = excluded.message_id, thread_id = excluded.thread_id,
                    card_version = excluded.card_version, failed_reason = excluded.failed_reason, settled_at = excluded.settled_at,
                    claimed_until = NULL
                """);
            command.Parameters.AddWithValue("id", receipt.AnnouncementId);
            command.Parameters.AddWithValue("channel", receipt.ChannelKey);
            command.Parameters.AddWithValue("subject", receipt.Subject);
            command.Parameters.AddWithValue("version", receipt.Version);
            command.Parameters.AddWithValue("at", receipt.At.UtcDateTime);
            command.Parameters.Add(new NpgsqlParameter("delivered", NpgsqlDbType.TimestampTz) { Value = receipt.Delivered ? receipt.At.UtcDateTime : DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("message", NpgsqlDbType.Text) { Value = (object?)receipt.MessageId ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("thread", NpgsqlDbType.Text) { Value = (object?)receipt.ThreadId ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("error", NpgsqlDbType.Text) { Value = (object?)receipt.Error ?? DBNull.Value });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            var description = PostgresConnections.Describe(ex, dataSource);
            status.ReportError(description);
            throw new StorageException("Could not record the delivery in PostgreSQL: " + description, ex);
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
