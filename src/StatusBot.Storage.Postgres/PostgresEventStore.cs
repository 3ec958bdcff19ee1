using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using StatusBot.Core.Board;
using StatusBot.Core.Events;
using StatusBot.Core.State;
using StatusBot.Storage.Serialization;
using StatusBot.Storage.Snapshots;

namespace StatusBot.Storage.Postgres;

/// <summary>
/// The events of every instance in one <c>events</c> table, one row per event numbered by <c>seq</c>. An append is one
/// transaction: it inserts only if the head is the one the decision was made from (the primary key refuses a racing
/// append), projects announcement events into <c>announcement_deliveries</c>, and notifies the followers; it completes
/// once committed. Start-up reads the newest snapshot that decodes, then the events after it.
/// </summary>
public sealed partial class PostgresEventStore(
    NpgsqlDataSource dataSource,
    PostgresSchema schema,
    PostgresStoreStatus status,
    ILogger<PostgresEventStore> logger) : ISharedEventStore
{
    /// <summary>The channel appends notify with the new head sequence as payload.</summary>
    public const string Channel = "statusbot_events";

    private const int RecoveryPage = 5000;
    private const string UniqueViolation = "23505";

    private long _lastSnapshot;

    /// <summary>The sequence of the newest snapshot in the database that this instance knows of.</summary>
    public long LastSnapshotSequence => Interlocked.Read(ref _lastSnapshot);

    public async ValueTask<BoardState> RecoverAsync(BoardState initial, CancellationToken cancellationToken)
    {
        try
        {
            await schema.EnsureAsync(cancellationToken);
            var (state, snapshotSequence) = await LoadSnapshotAsync(initial, cancellationToken);
            Interlocked.Exchange(ref _lastSnapshot, snapshotSequence);
            while (true)
            {
                var events = await ReadAfterCoreAsync(state.Sequence, RecoveryPage, cancellationToken);
                state = StateReducer.ApplyAll(state, events);
                if (events.Count < RecoveryPage)
                {
                    break;
                }
            }

            status.ObserveHead(state.Sequence);
            status.ReportConnected();
            LogRecovered(logger, snapshotSequence, state.Sequence);
            return state;
        }
        catch (NpgsqlException ex)
        {
            throw Unavailable("read the events", ex);
        }
    }

    public async ValueTask AppendAsync(IReadOnlyList<BoardEvent> events, long firstSequence, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        var last = firstSequence + events.Count - 1;
        try
        {
            await schema.EnsureAsync(cancellationToken);
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var inserted = await InsertEventsAsync(connection, transaction, events, firstSequence, cancellationToken);
            if (inserted == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                throw new SequenceConflictException(firstSequence, $"Sequence {firstSequence} does not follow the head of the events table.");
            }

            await using (var batch = DeliveryProjection.Build(events, connection, transaction))
            {
                var notify = new NpgsqlBatchCommand("SELECT pg_notify(@channel, @head)");
                notify.Parameters.AddWithValue("channel", Channel);
                notify.Parameters.AddWithValue("head", last.ToString(System.Globalization.CultureInfo.InvariantCulture));
                batch.BatchCommands.Add(notify);
                await batch.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == UniqueViolation && ex.TableName == "events")
        {
            throw new SequenceConflictException(firstSequence, $"Another instance appended sequence {firstSequence} first.");
        }
        catch (NpgsqlException ex)
        {
            throw Unavailable("append the events", ex);
        }

        status.ObserveHead(last);
        status.ReportConnected();
    }

    public async ValueTask<IReadOnlyList<BoardEvent>> ReadAfterAsync(long sequence, int max, CancellationToken cancellationToken)
    {
        try
        {
            await schema.EnsureAsync(cancellationToken);
            var events = await ReadAfterCoreAsync(sequence, max, cancellationToken);
            status.ObserveHead(sequence + events.Count);
            status.ReportConnected();
            return events;
        }
        catch (NpgsqlException ex)
        {
            throw Unavailable("read the events", ex);
        }
    }

    /// <summary>The highest sequence in the events table (0 when empty).</summary>
    public async Task<long> ReadHeadAsync(CancellationToken cancellationToken)
    {
        await schema.EnsureAsync(cancellationToken);
        await using var command = dataSource.CreateCommand("SELECT coalesce(max(seq), 0) FROM events");
        var head = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        status.ObserveHead(head);
        return head;
    }

    /// <summary>Stores <paramref name="state"/> as a snapshot and keeps the newest two.</summary>
    public async Task WriteSnapshotAsync(BoardState state, DateTimeOffset takenAt, CancellationToken cancellationToken)
    {
        await schema.EnsureAsync(cancellationToken);
        await using var batch = dataSource.CreateBatch();
        var insert = new NpgsqlBatchCommand("INSERT INTO snapshots (seq, document, taken_at) VALUES (@seq, @document, @takenAt) ON CONFLICT (seq) DO NOTHING");
        insert.Parameters.AddWithValue("seq", state.Sequence);
        insert.Parameters.AddWithValue("document", SnapshotCodec.Encode(state, takenAt));
        insert.Parameters.AddWithValue("takenAt", takenAt.ToUniversalTime());
        batch.BatchCommands.Add(insert);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("DELETE FROM snapshots WHERE seq NOT IN (SELECT seq FROM snapshots ORDER BY seq DESC LIMIT 2)"));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        Interlocked.Exchange(ref _lastSnapshot, state.Sequence);
    }

    private static async Task<int> InsertEventsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<BoardEvent> events, long firstSequence, CancellationToken cancellationToken)
    {
        var sequences = new long[events.Count];
        var types = new string[events.Count];
        var payloads = new string[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            sequences[i] = firstSequence + i;
            types[i] = EventJson.TypeName(events[i]);
            payloads[i] = EventJson.Serialize(events[i]);
        }

        // One statement for the whole group commit; it inserts nothing unless the head is the one the events follow.
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO events (seq, type, format, payload)
            SELECT e.seq, e.type, @format, e.payload::jsonb
            FROM unnest(@seqs, @types, @payloads) AS e(seq, type, payload)
            WHERE (SELECT coalesce(max(seq), 0) FROM events) = @previous
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("format", (short)SchemaVersion.Current);
        command.Parameters.AddWithValue("seqs", sequences);
        command.Parameters.AddWithValue("types", types);
        command.Parameters.Add(new NpgsqlParameter("payloads", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = payloads });
        command.Parameters.AddWithValue("previous", firstSequence - 1);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<List<BoardEvent>> ReadAfterCoreAsync(long sequence, int max, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT seq, type, format, payload::text FROM events WHERE seq > @after ORDER BY seq LIMIT @max");
        command.Parameters.AddWithValue("after", sequence);
        command.Parameters.AddWithValue("max", max);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<BoardEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var seq = reader.GetInt64(0);
            if (seq != sequence + events.Count + 1)
            {
                throw new StorageException($"The events table has a gap: sequence {seq} follows {sequence + events.Count}.");
            }

            var format = reader.GetInt16(2);
            if (format > SchemaVersion.Current)
            {
                throw new StorageException($"Event {seq} cannot be read: " + new SchemaTooNewException(format).Message + ".");
            }

            try
            {
                events.Add(EventJson.Deserialize(reader.GetString(1), reader.GetString(3)));
            }
            catch (StorageFormatException ex)
            {
                throw new StorageException($"Event {seq} cannot be read: {ex.Message}.", ex);
            }
        }

        return events;
    }

    private async Task<(BoardState State, long Sequence)> LoadSnapshotAsync(BoardState initial, CancellationToken cancellationToken)
    {
        var snapshots = new List<(long Sequence, byte[] Document)>();
        await using (var command = dataSource.CreateCommand("SELECT seq, document FROM snapshots ORDER BY seq DESC LIMIT 2"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                snapshots.Add((reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)));
            }
        }

        foreach (var (sequence, document) in snapshots)
        {
            try
            {
                return (SnapshotCodec.Read(initial, document, sequence), sequence);
            }
            catch (SchemaTooNewException ex)
            {
                throw new StorageException($"The snapshot at sequence {sequence} cannot be read: {ex.Message}.", ex);
            }
            catch (StorageFormatException ex)
            {
                LogSnapshotSkipped(logger, sequence, ex.Message);
            }
        }

        return (initial, 0);
    }

    private StorageException Unavailable(string what, NpgsqlException ex)
    {
        var description = PostgresConnections.Describe(ex, dataSource);
        status.ReportError(description);
        return new StorageException($"Could not {what} in PostgreSQL: {description}", ex);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recovered from PostgreSQL: snapshot at {Snapshot}, events up to {Sequence}")]
    private static partial void LogRecovered(ILogger logger, long snapshot, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot at sequence {Sequence} skipped ({Reason}); using an older one or the events")]
    private static partial void LogSnapshotSkipped(ILogger logger, long sequence, string reason);
}
