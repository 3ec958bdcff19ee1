using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace StatusBot.Host.Tests.Cli;

/// <summary>
/// <c>statusbot chat</c> beside a running <c>statusbot serve</c> on the same data directory: it attaches to the bot (a
/// local socket in the data directory), so what it changes shows on the page; with no bot serving it runs alone.
/// </summary>
public sealed class ChatAttachTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("statusbot-attach-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task Chat_BesideServe_OpensAnIncidentThePageShows()
    {
        await using var serve = await ServeAsync();

        var result = await StatusBotProcess.RunAsync(
            "incident open streaming major \"Playback fails on TV devices\"\nstatus streaming\n",
            "chat", "--config", StatusBotProcess.DefaultConfig, "--data", _data);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Opened INC-1 · Playback fails on TV devices", result.Output, StringComparison.Ordinal);
        Assert.Contains("\n\n🟠 Streaming: Partial outage", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("in use", result.Error, StringComparison.Ordinal);
        var page = await serve.Http.GetStringAsync("/");
        Assert.Contains("Playback fails on TV devices", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_BesideServe_ViewerIsStillRefusedAdminCommands()
    {
        await using var serve = await ServeAsync();

        var result = await StatusBotProcess.RunAsync(
            "incident open streaming major \"Down\"\nincident list\n", "chat", "--viewer", "--config", StatusBotProcess.DefaultConfig, "--data", _data);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("⚠ Only admins can run 'incident open'.", result.Output, StringComparison.Ordinal);
        Assert.Contains("No open incidents", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Down", await serve.Http.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_BesideServeWithoutLocale_FrenchQuestionInFrenchEnglishInEnglish()
    {
        await using var serve = await ServeAsync();

        var result = await StatusBotProcess.RunAsync(
            "pourquoi le streaming est en panne ?\nwhy is streaming down?\n", "chat", "--config", StatusBotProcess.DefaultConfig, "--data", _data);
        var english = await StatusBotProcess.RunAsync(
            "pourquoi le streaming est en panne ?\n", "chat", "--locale", "en", "--config", StatusBotProcess.DefaultConfig, "--data", _data);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Aucune panne enregistrée pour Streaming", result.Output, StringComparison.Ordinal);
        Assert.Contains("\n\nStreaming has no recorded outage", result.Output, StringComparison.Ordinal);
        Assert.StartsWith("Streaming has no recorded outage", english.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Chat_AsAnotherUserThanTheBots_IsOnlyAViewer()
    {
        // Only root can open another user's 0600 socket: the bot serves as nobody, root chats.
        Skip.IfNot(StatusBotProcess.IsRoot, "running the bot as another user needs root");
        var why = StatusBotProcess.WhyOtherUserCannotRun();
        Skip.If(why is not null, why);
        using (var chown = Process.Start("chown", ["65534", _data]))
        {
            await chown!.WaitForExitAsync();
        }

        await using var serve = await ServeAsync(asNobody: true);

        var result = await StatusBotProcess.RunAsync(
            "incident open streaming major \"Down\"\nstatus\n", "chat", "--config", StatusBotProcess.DefaultConfig, "--data", _data);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("⚠ Only admins can run 'incident open'.", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Down", await serve.Http.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_SocketLeftByABotThatIsGone_RunsAlone()
    {
        await File.WriteAllTextAsync(Path.Combine(_data, "statusbot.sock"), "");

        var result = await StatusBotProcess.RunAsync("status\n", "chat", "--config", StatusBotProcess.DefaultConfig, "--data", _data);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("All systems operational", result.Output, StringComparison.Ordinal);
    }

    private async Task<Serve> ServeAsync(bool asNobody = false)
    {
        using (var free = new TcpListener(IPAddress.Loopback, 0))
        {
            free.Start();
            var port = ((IPEndPoint)free.LocalEndpoint).Port;
            free.Stop();
            var start = new ProcessStartInfo(asNobody ? "setpriv" : "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
            if (asNobody)
            {
                foreach (var arg in new[] { "--reuid=65534", "--regid=65534", "--clear-groups", "dotnet" })
                {
                    start.ArgumentList.Add(arg);
                }

                start.Environment["HOME"] = Path.GetTempPath();
                start.Environment["DOTNET_CLI_HOME"] = Path.GetTempPath();
            }

            foreach (var arg in new[] { StatusBotProcess.Program, "serve", "--config", StatusBotProcess.DefaultConfig, "--data", _data, "--urls", $"http://127.0.0.1:{port}" })
            {
                start.ArgumentList.Add(arg);
            }

            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var serve = new Serve(process, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") });

            // Ready: the page answers and the console socket is there.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!await serve.ReadyAsync() || !File.Exists(Path.Combine(_data, "statusbot.sock")))
            {
                Assert.False(process.HasExited, "serve exited early");
                Assert.True(DateTime.UtcNow < deadline, "serve did not become ready within 60 s");
                await Task.Delay(100);
            }

            return serve;
        }
    }

    private sealed class Serve(Process process, HttpClient http) : IAsyncDisposable
    {
        public HttpClient Http => http;

        public async Task<bool> ReadyAsync()
        {
            try
            {
                using var response = await http.GetAsync("/readyz");
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }

        public async ValueTask DisposeAsync()
        {
            http.Dispose();
            if (!process.HasExited)
            {
                using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                {
                    await term!.WaitForExitAsync();
                }

                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            }

            process.Dispose();
        }
    }
}
