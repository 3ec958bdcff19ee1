using System.Globalization;
using StatusBot.Core.Board;

namespace StatusBot.Storage;

/// <summary>
/// <see cref="IAliveMark"/> as a small file in the data directory, replaced atomically (write beside, then rename). Not
/// fsynced: after a power cut the mark may be a little older than the last tick, which only makes the recorded gap
/// start earlier (more unknown, never more "up"). An unreadable mark counts as none.
/// </summary>
public sealed class FileAliveMark(string dataDirectory) : IAliveMark
{
    public const string FileName = "monitoring.alive";

    private readonly string _path = Path.Combine(dataDirectory, FileName);

    public DateTimeOffset? Read()
    {
        try
        {
            return DateTimeOffset.TryParseExact(File.ReadAllText(_path).Trim(), "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
                ? at
                : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Write(DateTimeOffset at)
    {
        var temporary = _path + ".tmp";
        File.WriteAllText(temporary, at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        File.Move(temporary, _path, overwrite: true);
    }
}
