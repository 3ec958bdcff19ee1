using System.Globalization;
using System.Runtime.InteropServices;

namespace StatusBot.Storage;

/// <summary>
/// Makes a data directory single-writer: an exclusive lock on <c>statusbot.lock</c> held for the life of the process
/// (released by the kernel even after <c>kill -9</c>), with the owner's process id in <c>statusbot.pid</c> for the message.
/// A directory that cannot be used (a file, read-only, not writable by this user) is refused with a message saying so.
/// </summary>
public sealed partial class DataDirectoryLock : IDisposable
{
    private const string LockFile = "statusbot.lock";
    private const string PidFile = "statusbot.pid";

    /// <summary>EROFS: the file system is mounted read-only (<c>docker run -v …:/data:ro</c>).</summary>
    private const int ReadOnlyFileSystem = 30;

    private readonly FileStream _stream;

    private DataDirectoryLock(FileStream stream)
    {
        _stream = stream;
    }

    public static DataDirectoryLock Acquire(string directory)
    {
        if (File.Exists(directory))
        {
            throw new StorageException($"data directory {directory} is a file, not a directory; pass --data with a directory (it is created when missing)");
        }

        FileStream stream;
        try
        {
            Directory.CreateDirectory(directory);
            stream = new FileStream(Path.Combine(directory, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (UnauthorizedAccessException)
        {
            throw new StorageException(NotWritable(directory));
        }
        catch (IOException ex) when (ex.HResult == ReadOnlyFileSystem)
        {
            throw new StorageException($"data directory {directory} is read-only; StatusBot writes its journal there: mount it read-write, or pass --data with a writable directory");
        }
        catch (IOException) when (Directory.Exists(directory))
        {
            var owner = File.Exists(Path.Combine(directory, PidFile)) ? File.ReadAllText(Path.Combine(directory, PidFile)).Trim() : "unknown";
            throw new DataDirectoryInUseException(directory, owner);
        }

        try
        {
            File.WriteAllText(Path.Combine(directory, PidFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        }
        catch (UnauthorizedAccessException)
        {
            stream.Dispose();
            throw new StorageException(NotWritable(directory));
        }

        return new DataDirectoryLock(stream);
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>The usual cause is a host directory mounted into the image, whose user is uid 1654: say how to fix it.</summary>
    private static string NotWritable(string directory)
    {
        var user = OperatingSystem.IsWindows() ? Environment.UserName : "uid " + GetUid().ToString(CultureInfo.InvariantCulture);
        return $"data directory {directory} is not writable by this user ({user}). The container image runs as uid 1654: " +
            "give it the directory (chown -R 1654 DIR on the host), or run the container as the directory's owner (docker run --user \"$(id -u)\"); " +
            "outside a container, pass --data with a directory you can write";
    }

    [LibraryImport("libc", EntryPoint = "getuid")]
    private static partial uint GetUid();
}
