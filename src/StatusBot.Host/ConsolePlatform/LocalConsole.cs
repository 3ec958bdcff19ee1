using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace StatusBot.Host.ConsolePlatform;

/// <summary>
/// What <c>serve</c> and <c>chat</c> share about the local console socket, <c>statusbot.sock</c> in the data directory:
/// its path, and the protocol. The client sends one hello line (<c>hello viewer|admin en|fr user</c>), then one line
/// per message; each answer comes back as the rendered text followed by <see cref="EndOfAnswer"/> and a newline.
/// </summary>
public static class LocalConsole
{
    public const string SocketName = "statusbot.sock";

    /// <summary>ASCII record separator: the renderer drops control characters, so no answer can contain it.</summary>
    public const char EndOfAnswer = '\u001e';

    /// <summary>The longest path a Unix domain socket address holds (sun_path, with its terminating zero).</summary>
    public const int MaxPathBytes = 107;

    public static string SocketPath(string dataDirectory) => Path.Combine(dataDirectory, SocketName);

    public static bool IsSupported => Socket.OSSupportsUnixDomainSockets && !OperatingSystem.IsWindows();

    /// <summary>The effective user id of this process (Linux: the second <c>Uid:</c> field of /proc/self/status).</summary>
    public static uint? CurrentUserId =>
        OperatingSystem.IsLinux() && File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal)) is { } line
            && line.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries) is [_, _, var effective, ..]
            && uint.TryParse(effective, NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
                ? uid
                : null;

    /// <summary>The user id of the process at the other end of <paramref name="socket"/> (SO_PEERCRED), or null where unknown.</summary>
    public static uint? PeerUserId(Socket socket)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        // struct ucred { pid_t pid; uid_t uid; gid_t gid; } for SOL_SOCKET (1), SO_PEERCRED (17).
        Span<byte> credentials = stackalloc byte[12];
        var length = socket.GetRawSocketOption(1, 17, credentials);
        return length >= 8 ? MemoryMarshal.Read<uint>(credentials[4..8]) : null;
    }

    /// <summary>
    /// The first line a console client sends: its role, its language and user, and <c>default</c> when the language is only
    /// the bot's default (no <c>--locale</c>), so that a question is answered in the language it was asked in.
    /// </summary>
    public static string Hello(bool viewer, CultureInfo culture, bool cultureIsDefault, string user) =>
        $"hello {(viewer ? "viewer" : "admin")} {culture.TwoLetterISOLanguageName} {user.Replace(' ', '_')}{(cultureIsDefault ? " default" : "")}";
}
