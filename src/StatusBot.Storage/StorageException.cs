namespace StatusBot.Storage;

/// <summary>The data directory cannot be used as it is; the message says why and what to do.</summary>
public class StorageException(string message, Exception? inner = null) : Exception(message, inner);
