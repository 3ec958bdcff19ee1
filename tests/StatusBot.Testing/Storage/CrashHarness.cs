using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using StatusBot.Core.State;
using StatusBot.Storage.Files;
using StatusBot.Storage.Journal;

namespace StatusBot.Testing.Storage;

/// <summary>
/// Process-crash trials: runs <c>statusbot chat</c> as a child process on a fresh data directory, sends admin commands
/// as fast as answers come, records each acknowledged one, kills the process with SIGKILL at a random moment, restarts
/// it, and checks every acknowledged update is there. Used by the test suite (a few trials) and by <c>bench/</c> (many).
/// </summary>
/// <remarks>
/// With <paramref name="environment"/> and <paramref name="storedTitles"/> the same trial runs on another store (PostgreSQL):
/// the child gets the environment, and what the store holds is read with <paramref name="storedTitles"/> instead of
/// recovering the file store.
/// </remarks>
public sealed class CrashHarness(
    string statusbotDll,
    string configPath,
    IReadOnlyDictionary<string, string>? environment = null,
    Func<CancellationToken, Task<IReadOnlyCollection<string>>>? storedTitles = null)
{
    public sealed record TrialResult(int Acknowledged, int Recovered, IReadOnlyList<string> Missing, string? Error);

    public async Task<TrialResult> RunTrialAsync(int seed, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        var data = Path.Combine(Path.GetTempPath(), "statusbot-crash-" + Guid.NewGuid().ToString("N"));
        try
        {
            var acknowledged = new List<string>();
            using (var child = Start(data))
            {
                var killAfter = TimeSpan.FromMilliseconds(random.Next(0, 1500));
                Stopwatch? sinceFirstAnswer = null;
                for (var i = 0; sinceFirstAnswer is null || sinceFirstAnswer.Elapsed < killAfter; i++)
                {
                    var title = $"crash-{seed}-{i}";
                    var command = random.Next(3) == 0
                        ? $"service set billing {(i % 2 == 0 ? "degraded" : "up")} {title}"
                        : $"incident open api minor \"{title}\"";
                    await child.StandardInput.WriteLineAsync(command.AsMemory(), cancellationToken);
                    await child.StandardInput.FlushAsync(cancellationToken);
                    var answer = await ReadAnswerAsync(child.StandardOutput, cancellationToken);
                    if (answer is null)
                    {
                        return new TrialResult(acknowledged.Count, 0, [], "the process ended before it was killed");
                    }

                    sinceFirstAnswer ??= Stopwatch.StartNew();
                    if (answer.StartsWith("Opened INC-", StringComparison.Ordinal) && command.StartsWith("incident", StringComparison.Ordinal))
                    {
                        acknowledged.Add(title);
                    }
                }

                child.Kill(entireProcessTree: true);
                await child.WaitForExitAsync(cancellationToken);
            }

            var listing = await RestartAndListAsync(data, cancellationToken);
            var titles = (storedTitles is null
                    ? (await RecoverAsync(data)).Incidents.Values.Select(i => i.Title)
                    : await storedTitles(cancellationToken))
                .ToHashSet(StringComparer.Ordinal);
            var missing = acknowledged.Where(t => !titles.Contains(t) || !listing.Contains(t, StringComparison.Ordinal)).ToList();
            return new TrialResult(acknowledged.Count, titles.Count, missing, null);
        }
        finally
        {
            TryDelete(data);
        }
    }

    private Process Start(string data, bool redirectInput = true)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { statusbotDll, "chat", "--config", configPath, "--data", data })
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start statusbot");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return process;
    }

    private async Task<string> RestartAndListAsync(string data, CancellationToken cancellationToken)
    {
        using var child = Start(data);
        await child.StandardInput.WriteLineAsync("incident list".AsMemory(), cancellationToken);
        child.StandardInput.Close();
        var output = await child.StandardOutput.ReadToEndAsync(cancellationToken);
        await child.WaitForExitAsync(cancellationToken);
        return child.ExitCode == 0 ? output : throw new InvalidOperationException($"restart failed with exit code {child.ExitCode}: {output}");
    }

    private static async Task<BoardState> RecoverAsync(string data)
    {
        using var store = new FileEventStore(new PhysicalFileSystem(), data, 16 << 20, TimeProvider.System, NullLogger<FileEventStore>.Instance);
        return await store.RecoverAsync(BoardState.Create(DemoCatalog.Services, DemoCatalog.Upstreams), CancellationToken.None);
    }

    /// <summary>Reads one answer (lines up to a blank line); null when the output ended.</summary>
    private static async Task<string?> ReadAnswerAsync(StreamReader output, CancellationToken cancellationToken)
    {
        var first = await output.ReadLineAsync(cancellationToken);
        if (first is null)
        {
            return null;
        }

        string? line;
        while ((line = await output.ReadLineAsync(cancellationToken)) is { Length: > 0 })
        {
        }

        return first;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
