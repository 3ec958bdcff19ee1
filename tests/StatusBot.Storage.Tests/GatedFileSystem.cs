using StatusBot.Storage.Files;

namespace StatusBot.Storage.Tests;

/// <summary>
/// Wraps a file system so a test can hold every fsync of a journal file until it says so, make them fail, and count them.
/// </summary>
internal sealed class GatedFileSystem(IFileSystem inner) : IFileSystem
{
    private readonly SemaphoreSlim _gate = new(0);
    private int _syncs;

    public bool Hold { get; set; }

    /// <summary>While set, a journal file's fsync fails as an I/O error would.</summary>
    public bool FailSyncs { get; set; }

    public int Syncs => Volatile.Read(ref _syncs);

    public TaskCompletionSource SyncStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate.Release(1000);

    public void CreateDirectory(string path) => inner.CreateDirectory(path);

    public bool FileExists(string path) => inner.FileExists(path);

    public IReadOnlyList<string> ListFiles(string directory) => inner.ListFiles(directory);

    public byte[] ReadAllBytes(string path) => inner.ReadAllBytes(path);

    public IAppendFile OpenAppend(string path) => new File(this, inner.OpenAppend(path));

    public void WriteAndSync(string path, ReadOnlySpan<byte> contents) => inner.WriteAndSync(path, contents);

    public void Rename(string source, string destination) => inner.Rename(source, destination);

    public void Delete(string path) => inner.Delete(path);

    public void Truncate(string path, long length) => inner.Truncate(path, length);

    public void SyncDirectory(string directory) => inner.SyncDirectory(directory);

    private sealed class File(GatedFileSystem owner, IAppendFile file) : IAppendFile
    {
        public long Length => file.Length;

        public void Write(ReadOnlySpan<byte> bytes) => file.Write(bytes);

        public void Sync()
        {
            if (owner.Hold)
            {
                owner.SyncStarted.TrySetResult();
                owner._gate.Wait();
            }

            if (owner.FailSyncs)
            {
                throw new IOException("Input/output error (simulated fsync failure).");
            }

            file.Sync();
            Interlocked.Increment(ref owner._syncs);
        }

        public void TruncateTo(long length) => file.TruncateTo(length);

        public void Dispose() => file.Dispose();
    }
}
