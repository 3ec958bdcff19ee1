namespace StatusBot.Storage;

/// <summary>A file in the data directory is not in the format this build writes.</summary>
public class StorageFormatException(string message, Exception? inner = null) : StorageException(message, inner);
