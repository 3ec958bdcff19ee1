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

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static partial int Fdatasync(SafeHandle fd);

    /// <summary>
    /// Appends into space zeroed ahead of the writes, a chunk at a time, and syncs with <c>fdatasync</c>. An append then
    /// changes neither the file's size nor anything else its data needs, so its sync writes the data alone: it does not
    /// wait for the file system's journal to commit (on ext4 a kernel thread of normal priority, which a crowd keeping
    /// every core busy delays by milliseconds). The zeroed space is cut off when the file is closed; after a crash it
    /// stays, and recovery takes zeros after the last record for the end of the journal.
    /// </summary>
    private sealed class AppendFile : IAppendFile
    {
        private const int Chunk = 1 << 20;
        private static readonly byte[] Zeros = new byte[64 * 1024];

        private readonly FileStream _stream;
        private long _length;
        private long _zeroedTo;
        private bool _disposed;

        public AppendFile(FileStream stream)
        {
            _stream = stream;
            _length = _zeroedTo = stream.Length;
        }

        public long Length => _length;

        public void Write(ReadOnlySpan<byte> bytes)
        {
            var end = _length + bytes.Length;
            if (end > _zeroedTo)
            {
                // Its size changes here, once a chunk: the next sync commits it with the zeros.
                _stream.Position = _zeroedTo;
                for (var left = end + Chunk - _zeroedTo; left > 0; left -= Zeros.Length)
                {
                    _stream.Write(Zeros, 0, (int)Math.Min(left, Zeros.Length));
                }

                _zeroedTo = _stream.Position;
            }

            _stream.Position = _length;
            _stream.Write(bytes);
            _length = end;
        }

        public void Sync()
        {
            if (!OperatingSystem.IsLinux())
            {
                _stream.Flush(flushToDisk: true);
                return;
            }

            if (Fdatasync(_stream.SafeFileHandle) != 0)
            {
                throw new IOException($"fdatasync of '{_stream.Name}' failed (errno {Marshal.GetLastPInvokeError()}).");
            }
        }

        public void TruncateTo(long length)
        {
            _stream.SetLength(length);
            _stream.Flush(flushToDisk: true);
            _length = _zeroedTo = length;
        }

        public void Dispose()
        {
            // The store may be disposed through each service it is registered as.
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            try
            {
                if (_zeroedTo > _length)
                {
                    // A closed segment ends at its last record.
                    _stream.SetLength(_length);
                    _stream.Flush(flushToDisk: true);
                }
            }
            finally
            {
                _stream.Dispose();
            }
        }
    }
}
