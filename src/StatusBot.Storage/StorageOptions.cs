using System.Data.Common;

namespace StatusBot.Storage;

/// <summary>
/// The <c>StatusBot:Storage</c> section: which store holds the events (files in a data directory, or a PostgreSQL database
/// shared by several instances), where, and how often to snapshot.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "StatusBot:Storage";

    public const string FileProvider = "file";

    public const string PostgresProvider = "postgres";

    /// <summary><c>file</c> (default: journal and snapshots in <see cref="DataDirectory"/>) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = FileProvider;

    /// <summary>The Npgsql connection string when <see cref="Provider"/> is <c>postgres</c>. A secret: never logged or echoed.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>This instance's name in a cluster sharing one database. Default <c>{machine name}-{process id}</c>.</summary>
    public string? InstanceId { get; set; }

    public bool UsesPostgres => string.Equals(Provider?.Trim(), PostgresProvider, StringComparison.OrdinalIgnoreCase);

    public string EffectiveInstanceId =>
        string.IsNullOrWhiteSpace(InstanceId) ? $"{Environment.MachineName}-{Environment.ProcessId}" : InstanceId.Trim();

    /// <summary>The data directory (relative paths are from the working directory). Default <c>data</c>.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Seconds between snapshots (taken only when something changed). Default 60.</summary>
    public int SnapshotIntervalSeconds { get; set; } = 60;

    /// <summary>A journal segment is closed and a new one started past this size. Default 16 MiB.</summary>
    public long JournalSegmentBytes { get; set; } = 16 * 1024 * 1024;

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);

    public IEnumerable<string> Errors()
    {
        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            yield return $"{Section}:DataDirectory is empty: name a directory (default 'data').";
        }

        if (SnapshotIntervalSeconds is < 1 or > 86_400)
        {
            yield return $"{Section}:SnapshotIntervalSeconds must be between 1 and 86400 (was {SnapshotIntervalSeconds}).";
        }

        if (JournalSegmentBytes < 4096)
        {
            yield return $"{Section}:JournalSegmentBytes must be at least 4096 (was {JournalSegmentBytes}).";
        }

        var provider = Provider?.Trim() ?? "";
        if (!provider.Equals(FileProvider, StringComparison.OrdinalIgnoreCase) && !UsesPostgres)
        {
            yield return $"{Section}:Provider must be '{FileProvider}' or '{PostgresProvider}' (was '{provider}').";
        }

        if (UsesPostgres && ConnectionErrors() is { } connectionError)
        {
            yield return connectionError;
        }

        if (InstanceId is { Length: > 128 })
        {
            yield return $"{Section}:InstanceId is longer than 128 characters.";
        }
    }

    /// <summary>What is wrong with <see cref="ConnectionString"/>, never quoting it (it holds a password).</summary>
    private string? ConnectionErrors()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            return $"{Section}:ConnectionString is required when {Section}:Provider is '{PostgresProvider}' " +
                "(for example 'Host=db;Database=statusbot;Username=statusbot;Password=…').";
        }

        DbConnectionStringBuilder parsed;
        try
        {
            parsed = new DbConnectionStringBuilder { ConnectionString = ConnectionString };
        }
        catch (ArgumentException)
        {
            // The parser's message may quote part of the string: say only that it does not parse.
            return $"{Section}:ConnectionString is not a valid connection string (expected 'Key=value;' pairs such as Host=…;Database=…).";
        }

        return parsed.ContainsKey("Host") || parsed.ContainsKey("Server")
            ? null
            : $"{Section}:ConnectionString names no Host.";
    }
}
