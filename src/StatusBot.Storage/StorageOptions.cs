namespace StatusBot.Storage;

/// <summary>The <c>StatusBot:Storage</c> section: where the journal and snapshots live and how often to snapshot.</summary>
public sealed class StorageOptions
{
    public const string Section = "StatusBot:Storage";

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
    }
}
