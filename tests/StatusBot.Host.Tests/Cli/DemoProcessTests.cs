using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace StatusBot.Host.Tests.Cli;

/// <summary>
/// <c>statusbot demo --web</c> as a real process: its links point at the address it was given, and stopped by SIGTERM
/// (docker stop, systemd), it ends cleanly.
/// </summary>
public sealed class DemoProcessTests
{
    [Fact]
    public async Task DemoWeb_Sigterm_EndsWithExitCodeZero()
    {
        using var process = await StartDemoWebAsync($"http://127.0.0.1:{FreePort()}");
        try
        {
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill!.WaitForExitAsync();
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));

            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task DemoWeb_Urls_LinksPointThereWithTheServesHeaders()
    {
        var address = $"http://127.0.0.1:{FreePort()}";
        using var process = await StartDemoWebAsync(address);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(address) };
            var summary = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/api/v2/summary.json")).RootElement;
            var feed = await client.GetStringAsync("/feed.atom");
            using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"));

            Assert.Equal(address, summary.GetProperty("page").GetProperty("url").GetString());
            Assert.All(summary.GetProperty("incidents").EnumerateArray(), i => Assert.StartsWith(address + "/incidents/", i.GetProperty("shortlink").GetString(), StringComparison.Ordinal));
            Assert.Contains($"<link rel=\"self\" href=\"{address}/feed.atom\"", feed, StringComparison.Ordinal);
            Assert.DoesNotContain("localhost:8080", feed, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Equal("nosniff", string.Join(",", head.Headers.GetValues("X-Content-Type-Options")));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Starts <c>statusbot demo --fast --web --urls</c> and returns once its page stays up after the story.</summary>
    private static async Task<Process> StartDemoWebAsync(string address)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetTempPath() };
        foreach (var arg in new[] { StatusBotProcess.Program, "demo", "--fast", "--web", "--urls", address })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("stays up at", StringComparison.Ordinal) == true)
            {
                up.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await up.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return process;
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
