using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using StatusBot.Testing.Discord;

namespace StatusBot.EndToEnd.Tests;

/// <summary>
/// <c>statusbot serve</c> as a real child process, posting to the Discord emulator, killed with SIGKILL in the middle of
/// a fan-out (while posts it has sent are not yet answered, so their receipts are never recorded), then restarted on the
/// same data directory: every channel ends with exactly one card and one thread reply per change. The emulator honours
/// <c>nonce</c> + <c>enforce_nonce</c> as Discord does; the announcer resends the pending posts with the same nonce.
/// </summary>
public sealed class KillDuringFanOutTests
{
    private const int Channels = 24;
    private const string AdminToken = "kill-test-admin-token";

    [Fact]
    public async Task SigkillDuringOpenAndUpdateFanOut_RestartLosesNothing_DuplicatesNothingOnDiscord()
    {
        await using var discord = await DiscordEmulator.StartAsync();
        discord.AnswerDelay = TimeSpan.FromMilliseconds(300);
        var data = Directory.CreateTempSubdirectory("statusbot-kill-").FullName;
        var channelIds = Enumerable.Range(1, Channels).Select(n => (200000000000000000L + n).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        try
        {
            var port = FreePort();
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);

            var first = Serve(discord, data, port, channelIds);
            await WaitReadyAsync(http, first);
            await AdminAsync(http, "api/admin/incidents", """{"services":["streaming"],"impact":"major","title":"Streaming fails on TV devices"}""");
            var cardsAtKill = await KillWhenAsync(first, () => channelIds.Count(c => discord.MessagesIn(c).Count > 0), n => n >= Channels / 4);

            var second = Serve(discord, data, port, channelIds);
            await WaitReadyAsync(http, second);
            await WaitUntilAsync(() => channelIds.All(c => discord.MessagesIn(c).Count > 0));
            await AdminAsync(http, "api/admin/incidents/INC-1/updates", """{"status":"identified","message":"Load balancers in us-east-1 are failing"}""");
            var repliesAtKill = await KillWhenAsync(second, () => channelIds.Count(c => discord.MessagesIn(c) is [var card, ..] && discord.MessagesIn(card.Id).Count > 0), n => n >= Channels / 4);

            var third = Serve(discord, data, port, channelIds);
            try
            {
                await WaitReadyAsync(http, third);
                await WaitUntilAsync(() => channelIds.All(c => discord.MessagesIn(c) is [var card, ..] && discord.MessagesIn(card.Id).Count > 0));
                await QuietAsync(discord);
            }
            finally
            {
                third.Kill(entireProcessTree: true);
                await third.WaitForExitAsync();
            }

            Assert.InRange(cardsAtKill, Channels / 4, Channels - 1);
            Assert.InRange(repliesAtKill, Channels / 4, Channels - 1);
            Assert.All(channelIds, c =>
            {
                var card = Assert.Single(discord.MessagesIn(c));
                var reply = Assert.Single(discord.MessagesIn(card.Id));
                Assert.Contains("Load balancers in us-east-1 are failing", reply.Body.ToJsonString(), StringComparison.Ordinal);
                Assert.Contains("Identified", card.Body.ToJsonString(), StringComparison.Ordinal);
            });

            // The resends did happen, and the nonce is what kept them from being duplicates.
            Assert.True(discord.NonceHits > 0, "no post was resent after the kills");
        }
        finally
        {
            TryDelete(data);
        }
    }

    private static Process Serve(DiscordEmulator discord, string data, int port, IReadOnlyList<string> channelIds)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "statusbot.dll"), "serve", "--config", DefaultConfig(), "--data", data, "--urls", $"http://127.0.0.1:{port}" })
        {
            info.ArgumentList.Add(arg);
        }

        var env = info.Environment;
        env["StatusBot__Discord__BotToken"] = DiscordEmulator.BotToken;
        env["StatusBot__Discord__ApiBaseUrl"] = discord.ApiBaseUrl;
        env["StatusBot__Admin__ApiTokens__0__Name"] = "kill-test";
        env["StatusBot__Admin__ApiTokens__0__Sha256"] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(AdminToken)));
        env["StatusBot__Announcements__MaxParallelSends"] = "4";
        for (var i = 0; i < channelIds.Count; i++)
        {
            env[$"StatusBot__Announcements__Channels__{i}__Platform"] = "discord";
            env[$"StatusBot__Announcements__Channels__{i}__ChannelId"] = channelIds[i];
            env[$"StatusBot__Announcements__Channels__{i}__WorkspaceId"] = "900000000000000002";
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start statusbot serve");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>SIGKILL as soon as <paramref name="enough"/> holds for the progress; returns the progress at the kill.</summary>
    private static async Task<int> KillWhenAsync(Process process, Func<int> progress, Func<int, bool> enough)
    {
        await WaitUntilAsync(() => enough(progress()));
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        return progress();
    }

    private static async Task WaitReadyAsync(HttpClient http, Process process)
    {
        await WaitUntilAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"statusbot serve exited with code {process.ExitCode}");
            }

            try
            {
                using var response = await http.GetAsync("readyz");
                return response.StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        });
    }

    private static async Task AdminAsync(HttpClient http, string path, string json)
    {
        using var response = await http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Waits until the emulator has seen no request for a second (the bot has nothing left to send).</summary>
    private static Task QuietAsync(DiscordEmulator discord) =>
        WaitUntilAsync(() => discord.Requests.Count > 0 && DateTimeOffset.UtcNow - discord.Requests.Max(r => r.At) > TimeSpan.FromSeconds(1));

    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException("the condition did not hold within 60 s");
            }

            await Task.Delay(10);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
