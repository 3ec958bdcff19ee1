using StatusBot.Storage.Serialization;

namespace StatusBot.Storage;

/// <summary>The data was written by a newer StatusBot. It is refused, never silently dropped.</summary>
public sealed class SchemaTooNewException(long version)
    : StorageFormatException($"it was written with schema version {version}, and this StatusBot reads up to version {SchemaVersion.Current}; upgrade StatusBot")
{
    public long Version { get; } = version;
}
