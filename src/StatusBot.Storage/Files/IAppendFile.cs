namespace StatusBot.Storage.Files;

/// <summary>
/// A file open for appending. <see cref="Sync"/> is the fsync: bytes written before it survive a power cut. The file on
/// disk may hold zeros past <see cref="Length"/> (space made ready ahead of the writes) until it is closed.
/// </summary>
public interface IAppendFile : IDisposable
{
    /// <summary>The bytes appended so far: where the next write goes.</summary>
    long Length { get; }

    void Write(ReadOnlySpan<byte> bytes);

    void Sync();

    /// <summary>Cuts the file back to <paramref name="length"/> (after a failed write) and syncs.</summary>
    void TruncateTo(long length);
}
