using Npgsql;
using NpgsqlTypes;
using StatusBot.Core.Events;

namespace StatusBot.Storage.Postgres;

/// <summary>
/// Turns the announcement events of one append into statements on <c>announcement_deliveries</c>, run in the append's
/// transaction: a queued announcement adds its row (once), a delivery records the message id, a failure its reason.
/// </summary>
internal static class DeliveryProjection
{
    public static NpgsqlBatch Build(IReadOnlyList<BoardEvent> events, NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        var batch = new NpgsqlBatch(connection, transaction);
        var queued = new Rows();
        var delivered = new Dictionary<(string, string), AnnouncementDelivered>();
        var failed = new Dictionary<(string, string), AnnouncementFailed>();
        foreach (var e in events)
        {
            switch (e)
            {
                case AnnouncementQueued q:
                    queued.Add(q.AnnouncementId, q.ChannelKey, q.Subject, q.Version, q.At);
                    break;
                case AnnouncementDelivered d:
                    // One row may be touched once per statement: the last receipt of the batch wins.
                    delivered[(d.AnnouncementId, d.ChannelKey)] = d;
                    break;
                case AnnouncementFailed f:
                    failed[(f.AnnouncementId, f.ChannelKey)] = f;
                    break;
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

        if (delivered.Count > 0)
        {
            var rows = new Rows();
            foreach (var d in delivered.Values)
            {
                rows.Add(d.AnnouncementId, d.ChannelKey, d.Subject, d.Version, d.At, d.MessageId);
            }

            // A receipt for a row this store never saw queued (queued before the store existed) adds it, delivered.
            batch.BatchCommands.Add(rows.Command(
                """
                INSERT INTO announcement_deliveries (announcement_id, channel_key, subject, version, queued_at, delivered_at, message_id)
                SELECT u.id, u.channel, u.subject, u.version, u.at, u.at, u.extra
                FROM unnest(@ids, @channels, @subjects, @versions, @ats, @extras) AS u(id, channel, subject, version, at, extra)
                ON CONFLICT (announcement_id, channel_key) DO UPDATE
                SET delivered_at = excluded.delivered_at, message_id = excluded.message_id, claimed_until = NULL
                """));
        }

        if (failed.Count > 0)
        {
            var rows = new Rows();
            foreach (var f in failed.Values)
            {
                rows.Add(f.AnnouncementId, f.ChannelKey, f.Subject, f.Version, f.At, f.Error);
            }

            batch.BatchCommands.Add(rows.Command(
                """
                INSERT INTO announcement_deliveries (announcement_id, channel_key, subject, version, queued_at, failed_reason)
                SELECT * FROM unnest(@ids, @channels, @subjects, @versions, @ats, @extras)
                ON CONFLICT (announcement_id, channel_key) DO UPDATE
                SET failed_reason = excluded.failed_reason, claimed_until = NULL
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
