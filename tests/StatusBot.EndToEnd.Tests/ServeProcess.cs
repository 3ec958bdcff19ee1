using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using StatusBot.Testing.Discord;

namespace StatusBot.EndToEnd.Tests;

/// <summary>
/// <c>statusbot serve</c> as a real child process on a loopback port, with an admin API token, announcing to channels on
/// the Discord emulator. Its output is kept (for a failure message); <see cref="KillAsync"/> is SIGKILL.
/// </summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    public const string AdminToken = "end-to-end-admin-token";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServeProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    /// <summary>A client for this process, with the admin token.</summary>
    public HttpClient Http { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process wrote.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>
    /// Starts <c>serve</c> with the repository's config on <paramref name="data"/> (or a port of its own when null), the
    /// channels given announced to on <paramref name="discord"/>, and <paramref name="environment"/> on top.
    /// </summary>
    public static ServeProcess Start(string data, DiscordEmulator? discord = null, IReadOnlyList<string>? channelIds = null, IReadOnlyDictionary<string, string>? environment = null, int? port = null)
    {
        var chosen = port ?? FreePort();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "statusbot.dll"), "serve", "--config", DefaultConfig(), "--data", data, "--urls", $"http://127.0.0.1:{chosen}" })
        {
            info.ArgumentList.Add(arg);
        }

        var env = info.Environment;
        env["StatusBot__Admin__ApiTokens__0__Name"] = "end-to-end";
        env["StatusBot__Admin__ApiTokens__0__Sha256"] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(AdminToken)));
        if (discord is not null)
        {
            env["StatusBot__Discord__BotToken"] = DiscordEmulator.BotToken;
            env["StatusBot__Discord__ApiBaseUrl"] = discord.ApiBaseUrl;
        }

        var channels = channelIds ?? [];
        for (var i = 0; i < channels.Count; i++)
        {
            env[$"StatusBot__Announcements__Channels__{i}__Platform"] = "discord";
            env[$"StatusBot__Announcements__Channels__{i}__ChannelId"] = channels[i];
            env[$"StatusBot__Announcements__Channels__{i}__WorkspaceId"] = "900000000000000002";
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start statusbot serve");
        return new ServeProcess(process, chosen);
    }

    public async Task WaitReadyAsync()
    {
        await WaitUntilAsync(async () =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"statusbot serve exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await Http.GetAsync("readyz");
                return response.StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        });
    }

    /// <summary>Posts to the admin API and returns the answer; fails the test on anything but a 2xx.</summary>
    public async Task<string> AdminAsync(string path, string json)
    {
        using var response = await Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return body;
    }

    public async Task<string> GetAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>SIGKILL, and wait for the process to be gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Http.Dispose();
        _process.Dispose();
    }

    public static Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null) => WaitUntilAsync(() => Task.FromResult(condition()), timeout);

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > limit)
            {
                throw new TimeoutException($"the condition did not hold within {limit.TotalSeconds:0} s");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Waits until the emulator has seen no request for a second (the bots have nothing left to send).</summary>
    public static Task QuietAsync(DiscordEmulator discord) =>
        WaitUntilAsync(() => discord.Requests.Count > 0 && DateTimeOffset.UtcNow - discord.Requests.Max(r => r.At) > TimeSpan.FromSeconds(1));

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static IReadOnlyList<string> ChannelIds(int count, long first = 200000000000000000L) =>
        [.. Enumerable.Range(1, count).Select(n => (first + n).ToString(System.Globalization.CultureInfo.InvariantCulture))];

    public static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string DefaultConfig()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "StatusBot.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("StatusBot.sln not found"), "config", "statusbot.json");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200 && _output.TryDequeue(out _))
        {
        }
    }
}
