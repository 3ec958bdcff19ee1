namespace StatusBot.Storage.Files;

/// <summary>
/// The file operations the journal and snapshots need, and no more, so tests can swap in a file system that loses
/// unsynced bytes on a simulated power cut. Nothing written is durable until <see cref="IAppendFile.Sync"/> (contents)
/// and <see cref="SyncDirectory"/> (creations, renames, deletions) return.
/// </summary>
public interface IFileSystem
{
    void CreateDirectory(string path);

    bool FileExists(string path);

    /// <summary>File names (not paths) in <paramref name="directory"/>.</summary>
    IReadOnlyList<string> ListFiles(string directory);

    byte[] ReadAllBytes(string path);

    /// <summary>Opens a file for appending at its end, creating it when missing.</summary>
    IAppendFile OpenAppend(string path);

    /// <summary>Creates or replaces a file with <paramref name="contents"/> and syncs its contents.</summary>
    void WriteAndSync(string path, ReadOnlySpan<byte> contents);

    /// <summary>Atomically replaces <paramref name="destination"/> with <paramref name="source"/>.</summary>
    void Rename(string source, string destination);

    void Delete(string path);

    /// <summary>Cuts a file to <paramref name="length"/> bytes and syncs it.</summary>
    void Truncate(string path, long length);

    /// <summary>Makes the directory's entries (creations, renames, deletions) durable.</summary>
    void SyncDirectory(string directory);
}
