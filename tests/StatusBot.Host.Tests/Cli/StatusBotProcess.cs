using System.Diagnostics;

namespace StatusBot.Host.Tests.Cli;

/// <summary>Runs the real <c>statusbot</c> program (the Host's build output) as a child process, with standard input piped.</summary>
internal static class StatusBotProcess
{
    private static readonly Lazy<string> RepoRoot = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "StatusBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException($"No StatusBot.sln above {AppContext.BaseDirectory}.");
    });

    public static string Root => RepoRoot.Value;

    public static string DefaultConfig => Path.Combine(Root, "config", "statusbot.json");

    /// <summary>src/StatusBot.Host/bin/&lt;configuration&gt;/net10.0/statusbot.dll, the same configuration as this test assembly.</summary>
    public static string Program
    {
        get
        {
            // The test assembly lives in tests/StatusBot.Host.Tests/bin/<Configuration>/<tfm>/.
            var tfmDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = tfmDir.Parent!.Name;
            var path = Path.Combine(Root, "src", "StatusBot.Host", "bin", configuration, tfmDir.Name, "statusbot.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build src/StatusBot.Host first.", path);
        }
    }

    public static Task<Result> RunAsync(string input, params string[] args) => RunAsync(input, new Dictionary<string, string>(), args);

    public static Task<Result> RunAsync(string input, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunAsync(input, environment, unprivileged: false, args);

    /// <summary>As a user without rights on other users' files: nobody (uid 65534) when the tests run as root.</summary>
    public static Task<Result> RunUnprivilegedAsync(string input, params string[] args) =>
        RunAsync(input, new Dictionary<string, string>(), unprivileged: true, args);

    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>
    /// Why the tests that run the program as another user (nobody, when the tests run as root) cannot run here, or null
    /// when they can: that user must be able to read the built program and the configuration, which a checkout inside a
    /// private directory (mode 700, as <c>mktemp -d</c> makes) keeps from it.
    /// </summary>
    public static string? WhyOtherUserCannotRun()
    {
        if (!IsRoot)
        {
            return null;
        }

        using var check = Process.Start(new ProcessStartInfo("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "test", "-r", Program, "-a", "-r", DefaultConfig]))!;
        check.WaitForExit();
        return check.ExitCode == 0
            ? null
            : $"the user nobody cannot read {Program} or {DefaultConfig} (a directory on the way is private to its owner)";
    }

    private static async Task<Result> RunAsync(string input, IReadOnlyDictionary<string, string> environment, bool unprivileged, string[] args)
    {
        var asNobody = unprivileged && IsRoot;
        var start = new ProcessStartInfo(asNobody ? "setpriv" : "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        if (asNobody)
        {
            foreach (var arg in new[] { "--reuid=65534", "--regid=65534", "--clear-groups", "dotnet" })
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["HOME"] = Path.GetTempPath();
            start.Environment["DOTNET_CLI_HOME"] = Path.GetTempPath();
        }

        start.ArgumentList.Add(Program);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Nothing from the developer's environment may change what the program reads.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("StatusBot__", StringComparison.OrdinalIgnoreCase) || k == "STATUSBOT_CONFIG").ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"statusbot {string.Join(' ', args)} did not exit within 30 s. Output so far: {await stdout}");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }

    public sealed record Result(int ExitCode, string Output, string Error);
}
