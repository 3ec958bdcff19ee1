namespace StatusBot.Storage.Files;

/// <summary>A file open for appending. <see cref="Sync"/> is the fsync: bytes written before it survive a power cut.</summary>
public interface IAppendFile : IDisposable
{
    long Length { get; }

    void Write(ReadOnlySpan<byte> bytes);

    void Sync();

    /// <summary>Cuts the file back to <paramref name="length"/> (after a failed write) and syncs.</summary>
    void TruncateTo(long length);
}
