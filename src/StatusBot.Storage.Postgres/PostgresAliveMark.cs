using Microsoft.Extensions.Logging;
using Npgsql;
using StatusBot.Core.Board;

namespace StatusBot.Storage.Postgres;

/// <summary>
/// <see cref="IAliveMark"/> as the one row of <c>alive_mark</c>: whichever instance leads monitoring writes it, and the next
/// leader reads the gap from it. A failed write is logged and skipped (the next tick writes again); a failed read is none.
/// </summary>
public sealed partial class PostgresAliveMark(NpgsqlDataSource dataSource, PostgresSchema schema, ILogger<PostgresAliveMark> logger) : IAliveMark
{
    public DateTimeOffset? Read()
    {
        try
        {
            schema.EnsureAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
            using var command = dataSource.CreateCommand("SELECT at FROM alive_mark WHERE id = 1");
            return command.ExecuteScalar() is DateTime at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;
        }
        catch (NpgsqlException ex)
        {
            LogFailed(logger, "read", PostgresConnections.Describe(ex, dataSource));
            return null;
        }
    }

    public void Write(DateTimeOffset at)
    {
        try
        {
            schema.EnsureAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
            using var command = dataSource.CreateCommand(
                "INSERT INTO alive_mark (id, at) VALUES (1, @at) ON CONFLICT (id) DO UPDATE SET at = excluded.at");
            command.Parameters.AddWithValue("at", at.ToUniversalTime());
            command.ExecuteNonQuery();
        }
        catch (NpgsqlException ex)
        {
            LogFailed(logger, "write", PostgresConnections.Describe(ex, dataSource));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not {Action} the monitoring alive mark in PostgreSQL ({Reason})")]
    private static partial void LogFailed(ILogger logger, string action, string reason);
}
