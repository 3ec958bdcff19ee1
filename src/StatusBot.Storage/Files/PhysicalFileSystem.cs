using System.Runtime.InteropServices;

namespace StatusBot.Storage.Files;

/// <summary>The real disk. <c>Flush(true)</c> is fsync; directories are synced through libc on Linux.</summary>
public sealed partial class PhysicalFileSystem : IFileSystem
{
    public void CreateDirectory(string path) => Directory.CreateDirectory(path);

    public bool FileExists(string path) => File.Exists(path);

    public IReadOnlyList<string> ListFiles(string directory) =>
        Directory.Exists(directory) ? [.. Directory.EnumerateFiles(directory).Select(Path.GetFileName).OfType<string>()] : [];

    public byte[] ReadAllBytes(string path) => File.ReadAllBytes(path);

    public IAppendFile OpenAppend(string path)
    {
        // Not FileMode.Append: it refuses SetLength, and a failed write must be cut back off.
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, 1, FileOptions.None);
        stream.Seek(0, SeekOrigin.End);
        return new AppendFile(stream);
    }

    public void WriteAndSync(string path, ReadOnlySpan<byte> contents)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        stream.Write(contents);
        stream.Flush(flushToDisk: true);
    }

    public void Rename(string source, string destination) => File.Move(source, destination, overwrite: true);

    public void Delete(string path) => File.Delete(path);

    public void Truncate(string path, long length)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read);
        stream.SetLength(length);
        stream.Flush(flushToDisk: true);
    }

    public void SyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        // A rename or a new file is only durable once its directory is synced; .NET has no API for it.
        var fd = Open(directory, 0);
        if (fd < 0)
        {
            throw new IOException($"Cannot open directory '{directory}' to sync it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"fsync of directory '{directory}' failed (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    private sealed class AppendFile(FileStream stream) : IAppendFile
    {
        public long Length => stream.Length;

        public void Write(ReadOnlySpan<byte> bytes) => stream.Write(bytes);

        public void Sync() => stream.Flush(flushToDisk: true);

        public void TruncateTo(long length)
        {
            stream.SetLength(length);
            stream.Seek(0, SeekOrigin.End);
            stream.Flush(flushToDisk: true);
        }

        public void Dispose() => stream.Dispose();
    }
}
