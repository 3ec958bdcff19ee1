namespace StatusBot.Storage;

/// <summary>Another StatusBot process holds the data directory.</summary>
public sealed class DataDirectoryInUseException(string directory, string owner)
    : StorageException($"data directory {directory} is in use by process {owner}; stop it, or pass --data to use another directory");
