using Npgsql;
using NpgsqlTypes;
using StatusBot.Core.Events;

namespace StatusBot.Storage.Postgres;

/// <summary>
/// Turns the announcement events of one append into statements on <c>announcement_deliveries</c>, run in the append's
/// transaction: a queued announcement adds its row (once). How it ends is recorded by <see cref="PostgresDeliveryLedger"/>.
/// </summary>
internal static class DeliveryProjection
{
    public static NpgsqlBatch Build(IReadOnlyList<BoardEvent> events, NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        var batch = new NpgsqlBatch(connection, transaction);
        var queued = new Rows();
        foreach (var e in events)
        {
            if (e is AnnouncementQueued q)
            {
                queued.Add(q.AnnouncementId, q.ChannelKey, q.Subject, q.Version, q.At);
            }
        }

        if (queued.Count > 0)
        {
            batch.BatchCommands.Add(queued.Command(
                """
                INSERT INTO announcement_deliveries (announcement_id, channel_key, subject, version, queued_at)
                SELECT * FROM unnest(@ids, @channels, @subjects, @versions, @ats)
                ON CONFLICT (announcement_id, channel_key) DO NOTHING
                """));
        }

        return batch;
    }

    /// <summary>Columns of rows to pass as arrays to <c>unnest</c>: one statement whatever the batch size.</summary>
    private sealed class Rows
    {
        private readonly List<string> _ids = [];
        private readonly List<string> _channels = [];
        private readonly List<string> _subjects = [];
        private readonly List<int> _versions = [];
        private readonly List<DateTime> _ats = [];
        private readonly List<string?> _extras = [];

        public int Count => _ids.Count;

        public void Add(string id, string channel, string subject, int version, DateTimeOffset at, string? extra = null)
        {
            _ids.Add(id);
            _channels.Add(channel);
            _subjects.Add(subject);
            _versions.Add(version);
            _ats.Add(at.UtcDateTime);
            _extras.Add(extra);
        }

        public NpgsqlBatchCommand Command(string sql)
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = _ids.ToArray() });
            command.Parameters.Add(new NpgsqlParameter("channels", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = _channels.ToArray() });
            command.Parameters.Add(new NpgsqlParameter("subjects", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = _subjects.ToArray() });
            command.Parameters.Add(new NpgsqlParameter("versions", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = _versions.ToArray() });
            command.Parameters.Add(new NpgsqlParameter("ats", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = _ats.ToArray() });
            if (sql.Contains("@extras", StringComparison.Ordinal))
            {
                command.Parameters.Add(new NpgsqlParameter("extras", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = _extras.ToArray() });
            }

            return command;
        }
    }
}
