using System.Diagnostics;

namespace StatusBot.Host.Tests.Cli;

/// <summary>
/// <c>dotnet run --project src/StatusBot.Host -- chat --config my.json --data mydata</c>: relative paths are the caller's,
/// from the directory the command was typed in, not the project's.
/// </summary>
public sealed class RelativePathTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("statusbot-cwd-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task DotnetRun_RelativeConfigAndData_ResolvedFromTheCallersDirectory()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "my.json"), """{ "StatusBot": { "Services": [ { "Id": "radio", "Name": "Radio" } ] } }""");
        var project = Path.Combine(StatusBotProcess.Root, "src", "StatusBot.Host");
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _dir,
        };
        foreach (var arg in new[] { "run", "--no-build", "-c", configuration, "--project", project, "--", "chat", "--config", "my.json", "--data", "mydata" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync("status\n");
        process.StandardInput.Close();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));

        Assert.True(process.ExitCode == 0, await error);
        Assert.StartsWith("All systems operational\n  🟢 Radio — Operational", (await output).Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(_dir, "mydata")), "the data directory is created where the command was typed");
        Assert.False(Directory.Exists(Path.Combine(project, "mydata")), "nothing is created in the project directory");
    }
}
