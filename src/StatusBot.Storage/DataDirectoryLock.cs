using System.Globalization;

namespace StatusBot.Storage;

/// <summary>
/// Makes a data directory single-writer: an exclusive lock on <c>statusbot.lock</c> held for the life of the process
/// (released by the kernel even after <c>kill -9</c>), with the owner's process id in <c>statusbot.pid</c> for the message.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    private const string LockFile = "statusbot.lock";
    private const string PidFile = "statusbot.pid";

    private readonly FileStream _stream;

    private DataDirectoryLock(FileStream stream)
    {
        _stream = stream;
    }

    public static DataDirectoryLock Acquire(string directory)
    {
        Directory.CreateDirectory(directory);
        FileStream stream;
        try
        {
            stream = new FileStream(Path.Combine(directory, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            var owner = File.Exists(Path.Combine(directory, PidFile)) ? File.ReadAllText(Path.Combine(directory, PidFile)).Trim() : "unknown";
            throw new DataDirectoryInUseException(directory, owner);
        }

        File.WriteAllText(Path.Combine(directory, PidFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        return new DataDirectoryLock(stream);
    }

    public void Dispose() => _stream.Dispose();
}
