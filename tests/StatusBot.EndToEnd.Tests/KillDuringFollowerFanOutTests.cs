using System.Text;
using StatusBot.Testing.Discord;

namespace StatusBot.EndToEnd.Tests;

/// <summary>
/// <c>statusbot serve</c> as a real child process with followers on Discord, killed with SIGKILL in the middle of the
/// direct messages of an incident (while messages it has sent are not yet answered, so their receipts are never
/// recorded), then restarted on the same data directory: every follower ends with exactly one message. The follows were
/// made through signed interactions; the fan-out is one journaled event, each recipient's outcome is in the delivery
/// ledger, and the resends carry the same nonce with <c>enforce_nonce</c>, which the emulator honours as Discord does.
/// </summary>
public sealed class KillDuringFollowerFanOutTests
{
    private const int Followers = 30;

    [Fact]
    public async Task SigkillDuringDirectMessages_RestartTellsEveryFollowerOnce()
    {
        await using var discord = await DiscordEmulator.StartAsync();
        using var signer = new InteractionSigner();
        discord.AnswerDelay = TimeSpan.FromMilliseconds(300);
        var data = Directory.CreateTempSubdirectory("statusbot-kill-follow-").FullName;
        var users = ServeProcess.ChannelIds(Followers, first: 1250000000000000000L);
        var port = ServeProcess.FreePort();
        var settings = new Dictionary<string, string>
        {
            ["StatusBot__Follow__MaxParallelSends"] = "4",
            ["StatusBot__Discord__PublicKey"] = signer.PublicKeyHex,
            ["StatusBot__Discord__ApplicationId"] = DiscordPayloads.ApplicationId,
        };
        try
        {
            int toldAtKill;
            await using (var first = ServeProcess.Start(data, discord, [], settings, port))
            {
                await first.WaitReadyAsync();
                foreach (var user in users)
                {
                    var body = DiscordPayloads.Command("follow", new Dictionary<string, object> { ["service"] = "streaming" }, userId: user);
                    using var request = signer.Request(new Uri(first.Http.BaseAddress!, "discord/interactions"), body, DateTimeOffset.UtcNow);
                    using var response = await first.Http.SendAsync(request);
                    var answer = await response.Content.ReadAsStringAsync();
                    Assert.True(answer.Contains("direct message", StringComparison.Ordinal), $"follow by {user}: {(int)response.StatusCode} {answer}");
                }

                await first.AdminAsync("api/admin/incidents", """{"services":["streaming"],"impact":"major","title":"Streaming fails on TV devices"}""");
                toldAtKill = await KillDuringFanOutTests.KillWhenAsync(first, () => users.Count(u => discord.DirectMessagesTo(u).Count > 0), n => n >= Followers / 4);
            }

            await using (var second = ServeProcess.Start(data, discord, [], settings, port))
            {
                await second.WaitReadyAsync();
                await ServeProcess.WaitUntilAsync(() => users.All(u => discord.DirectMessagesTo(u).Count > 0));
                await ServeProcess.QuietAsync(discord);
            }

            Assert.InRange(toldAtKill, Followers / 4, Followers - 1);
            Assert.All(users, u =>
            {
                var message = Assert.Single(discord.DirectMessagesTo(u));
                Assert.Contains("Streaming fails on TV devices", Encoding.UTF8.GetString(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(message.Body)), StringComparison.Ordinal);
            });

            // The resends did happen, and the nonce is what kept them from being duplicates.
            Assert.True(discord.NonceHits > 0, "no direct message was resent after the kill");
        }
        finally
        {
            ServeProcess.TryDelete(data);
        }
    }
}
