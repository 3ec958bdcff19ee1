using Microsoft.Extensions.Logging;
using Npgsql;

namespace StatusBot.Storage.Postgres;

/// <summary>Builds the data source every part of the PostgreSQL store uses, and describes its errors without secrets.</summary>
public static class PostgresConnections
{
    /// <summary>
    /// A data source for <paramref name="connectionString"/> with TCP keepalives on (so a half-open connection, such as the
    /// leader's after a network cut, is noticed in seconds) and <c>statusbot</c> as the application name unless set.
    /// </summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString, ILoggerFactory? loggerFactory = null)
    {
        NpgsqlDataSourceBuilder builder;
        try
        {
            builder = new NpgsqlDataSourceBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            // The parser may quote the offending part, which may be the password.
            throw new StorageException("StatusBot:Storage:ConnectionString is not a valid PostgreSQL connection string.", Redacted(ex, connectionString));
        }

        var settings = builder.ConnectionStringBuilder;
        if (!settings.TcpKeepAlive)
        {
            settings.TcpKeepAlive = true;
        }

        if (settings.TcpKeepAliveTime == 0)
        {
            settings.TcpKeepAliveTime = 5;
        }

        if (settings.TcpKeepAliveInterval == 0)
        {
            settings.TcpKeepAliveInterval = 1;
        }

        if (string.IsNullOrEmpty(settings.ApplicationName))
        {
            settings.ApplicationName = "statusbot";
        }

        if (loggerFactory is not null)
        {
            builder.UseLoggerFactory(loggerFactory);
        }

        return builder.Build();
    }

    /// <summary>
    /// A one-line description of a database failure for logs, readiness and error replies. PostgreSQL and Npgsql do not put
    /// the password in their messages; the password of <paramref name="dataSource"/> is blanked anyway in case one does.
    /// </summary>
    public static string Describe(Exception exception, NpgsqlDataSource? dataSource = null)
    {
        var message = exception switch
        {
            PostgresException pg => $"{pg.SqlState}: {pg.MessageText}",
            NpgsqlException { InnerException: { } inner } npgsql when inner is not PostgresException => npgsql.Message + " (" + inner.Message + ")",
            _ => exception.Message,
        };
        return Blank(message, PasswordOf(dataSource));
    }

    private static string? PasswordOf(NpgsqlDataSource? dataSource)
    {
        if (dataSource is null)
        {
            return null;
        }

        try
        {
            // The data source's own ConnectionString hides the password; parse the settings it was built from.
            return new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Password;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string Blank(string message, string? password) =>
        string.IsNullOrEmpty(password) ? message : message.Replace(password, "***", StringComparison.Ordinal);

    private static ArgumentException Redacted(ArgumentException ex, string connectionString)
    {
        string? password = null;
        try
        {
            password = new NpgsqlConnectionStringBuilder { ConnectionString = connectionString }.Password;
        }
        catch (ArgumentException)
        {
            // Unparseable: fall through and drop the message altogether.
        }

        return new ArgumentException(password is null ? "invalid connection string" : Blank(ex.Message, password));
    }
}
