using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace StatusBot.Host.Tests.Cli;

/// <summary>
/// Runs the real <c>statusbot</c> program with a pseudo-terminal as its standard input, as a person at a terminal runs it:
/// the program sees a terminal (so it prompts), lines are typed into it, and Ctrl+D is the terminal's end of input.
/// Standard output and standard error go to one stream, in the order they were written, as a terminal shows them.
/// </summary>
internal sealed partial class TerminalProcess : IAsyncDisposable
{
    private const int ReadWrite = 2;
    private const int NoControllingTerminal = 0x100;

    private readonly Process _process;
    private readonly FileStream _keyboard;
    private readonly StringBuilder _screen = new();
    private readonly Task _reading;

    private TerminalProcess(Process process, FileStream keyboard)
    {
        _process = process;
        _keyboard = keyboard;
        _reading = Task.Run(ReadAsync);
    }

    /// <summary>Everything the program printed so far.</summary>
    public string Screen
    {
        get
        {
            lock (_screen)
            {
                return _screen.ToString();
            }
        }
    }

    public static TerminalProcess Start(params string[] args)
    {
        var master = OpenPseudoTerminal();
        if (master < 0 || GrantPseudoTerminal(master) != 0 || UnlockPseudoTerminal(master) != 0)
        {
            throw new InvalidOperationException($"No pseudo-terminal (errno {Marshal.GetLastPInvokeError()}).");
        }

        var name = new byte[128];
        if (PseudoTerminalName(master, name, (nuint)name.Length) != 0)
        {
            throw new InvalidOperationException($"No pseudo-terminal name (errno {Marshal.GetLastPInvokeError()}).");
        }

        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var arg in new[] { "-c", "exec \"$@\" <>\"$STATUSBOT_TEST_TTY\" 2>&1", "sh", "dotnet", StatusBotProcess.Program }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("StatusBot__", StringComparison.OrdinalIgnoreCase) || k == "STATUSBOT_CONFIG").ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["STATUSBOT_TEST_TTY"] = Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0));
        start.Environment["DOTNET_NOLOGO"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("sh did not start.");
        var keyboard = new FileStream(new SafeFileHandle(master, ownsHandle: true), FileAccess.Write, 1);
        return new TerminalProcess(process, keyboard);
    }

    /// <summary>Types text at the terminal (a line ends with "\n"; "\u0004" is Ctrl+D).</summary>
    public async Task TypeAsync(string keys)
    {
        await _keyboard.WriteAsync(Encoding.UTF8.GetBytes(keys));
        await _keyboard.FlushAsync();
    }

    /// <summary>Waits until the screen shows <paramref name="text"/> <paramref name="times"/> times (prompts are counted so).</summary>
    public async Task WaitForAsync(string text, int times = 1)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (Count(Screen, text) < times)
        {
            if (_process.HasExited && _reading.IsCompleted)
            {
                throw new InvalidOperationException($"The program ended before showing '{text}'. Screen: {Screen}");
            }

            await Task.Delay(20, timeout.Token);
        }
    }

    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        await _reading;
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _keyboard.DisposeAsync();
        _process.Dispose();
    }

    private static int Count(string screen, string text) => screen.Split(text).Length - 1;

    private async Task ReadAsync()
    {
        var buffer = new char[256];
        int read;
        while ((read = await _process.StandardOutput.ReadAsync(buffer)) > 0)
        {
            lock (_screen)
            {
                _screen.Append(buffer, 0, read);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "posix_openpt", SetLastError = true)]
    private static partial int OpenPseudoTerminal(int flags = ReadWrite | NoControllingTerminal);

    [LibraryImport("libc", EntryPoint = "grantpt", SetLastError = true)]
    private static partial int GrantPseudoTerminal(int fd);

    [LibraryImport("libc", EntryPoint = "unlockpt", SetLastError = true)]
    private static partial int UnlockPseudoTerminal(int fd);

    [LibraryImport("libc", EntryPoint = "ptsname_r", SetLastError = true)]
    private static partial int PseudoTerminalName(int fd, [Out] byte[] buffer, nuint length);
}
