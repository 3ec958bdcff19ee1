using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace StatusBot.Host.Tests.Cli;

/// <summary>
/// A data directory that cannot be used, or a port already taken, stops the program with one line saying what is wrong
/// and how to fix it; never a stack trace, never "in use" when it is not.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataDirectoryMistakeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("statusbot-datadir-").FullName;

    public void Dispose()
    {
        File.SetUnixFileMode(_dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.Delete(_dir, recursive: true);
    }

    private static void AssertOneCleanLine(StatusBotProcess.Result result, string expected)
    {
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Trim().Split('\n'));
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.StartsWith("StatusBot cannot start: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_DataIsAFile_SaysItIsAFile()
    {
        var file = Path.Combine(_dir, "journal.txt");
        await File.WriteAllTextAsync(file, "not a directory");

        var result = await StatusBotProcess.RunAsync("status\n", "chat", "--config", StatusBotProcess.DefaultConfig, "--data", file);

        AssertOneCleanLine(result, $"data directory {file} is a file, not a directory; pass --data with a directory");
    }

    [SkippableFact]
    public async Task Chat_DataDirectoryNotWritable_SaysSoWithTheImageUidAndTheFix()
    {
        var why = StatusBotProcess.WhyOtherUserCannotRun();
        Skip.If(why is not null, why);
        var data = Path.Combine(_dir, "data");
        Directory.CreateDirectory(data);
        File.SetUnixFileMode(data, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        if (!StatusBotProcess.IsRoot)
        {
            File.SetUnixFileMode(data, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }

        // The owner of the test's temporary directory must let the other user through to the data directory.
        File.SetUnixFileMode(_dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherExecute);

        var result = await StatusBotProcess.RunUnprivilegedAsync("status\n", "chat", "--config", StatusBotProcess.DefaultConfig, "--data", data);

        AssertOneCleanLine(result, $"data directory {data} is not writable by this user (uid ");
        Assert.Contains("uid 1654", result.Error, StringComparison.Ordinal);
        Assert.Contains("chown -R 1654", result.Error, StringComparison.Ordinal);
        Assert.Contains("--user", result.Error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Chat_DataDirectoryOnAReadOnlyMount_SaysReadOnlyNotInUse()
    {
        Skip.IfNot(StatusBotProcess.IsRoot, "mounting a read-only directory needs root");
        var data = Path.Combine(_dir, "data");
        Directory.CreateDirectory(data);
        Skip.IfNot(await RunAsync("mount", "--bind", "-o", "ro", data, data) == 0, "this machine does not allow bind mounts");
        try
        {
            var result = await StatusBotProcess.RunAsync("status\n", "chat", "--config", StatusBotProcess.DefaultConfig, "--data", data);

            AssertOneCleanLine(result, $"data directory {data} is read-only");
            Assert.DoesNotContain("in use", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            await RunAsync("umount", data);
        }
    }

    [Fact]
    public async Task Serve_PortInUse_NamesTheAddressAndUrls()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";

        var result = await StatusBotProcess.RunAsync("", "serve", "--config", StatusBotProcess.DefaultConfig, "--data", _dir, "--urls", url);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"StatusBot cannot start: {url} (--urls) is already in use by another program", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error + result.Output, StringComparison.Ordinal);
    }

    private static async Task<int> RunAsync(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
