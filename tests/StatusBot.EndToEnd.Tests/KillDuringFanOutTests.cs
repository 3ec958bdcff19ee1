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

    [Fact]
    public async Task SigkillDuringOpenAndUpdateFanOut_RestartLosesNothing_DuplicatesNothingOnDiscord()
    {
        await using var discord = await DiscordEmulator.StartAsync();
        discord.AnswerDelay = TimeSpan.FromMilliseconds(300);
        var data = Directory.CreateTempSubdirectory("statusbot-kill-").FullName;
        var channelIds = ServeProcess.ChannelIds(Channels);
        var port = ServeProcess.FreePort();
        var settings = new Dictionary<string, string> { ["StatusBot__Announcements__MaxParallelSends"] = "4" };
        try
        {
            int cardsAtKill;
            await using (var first = ServeProcess.Start(data, discord, channelIds, settings, port))
            {
                await first.WaitReadyAsync();
                await first.AdminAsync("api/admin/incidents", """{"services":["streaming"],"impact":"major","title":"Streaming fails on TV devices"}""");
                cardsAtKill = await KillWhenAsync(first, () => channelIds.Count(c => discord.MessagesIn(c).Count > 0), n => n >= Channels / 4);
            }

            int repliesAtKill;
            await using (var second = ServeProcess.Start(data, discord, channelIds, settings, port))
            {
                await second.WaitReadyAsync();
                await ServeProcess.WaitUntilAsync(() => channelIds.All(c => discord.MessagesIn(c).Count > 0));
                await second.AdminAsync("api/admin/incidents/INC-1/updates", """{"status":"identified","message":"Load balancers in us-east-1 are failing"}""");
                repliesAtKill = await KillWhenAsync(second, () => channelIds.Count(c => discord.MessagesIn(c) is [var card, ..] && discord.MessagesIn(card.Id).Count > 0), n => n >= Channels / 4);
            }

            await using (var third = ServeProcess.Start(data, discord, channelIds, settings, port))
            {
                await third.WaitReadyAsync();
                await ServeProcess.WaitUntilAsync(() => channelIds.All(c => discord.MessagesIn(c) is [var card, ..] && discord.MessagesIn(card.Id).Count > 0));
                await ServeProcess.QuietAsync(discord);
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
            ServeProcess.TryDelete(data);
        }
    }

    /// <summary>SIGKILL as soon as <paramref name="enough"/> holds for the progress; returns the progress at the kill.</summary>
    internal static async Task<int> KillWhenAsync(ServeProcess process, Func<int> progress, Func<int, bool> enough)
    {
        await ServeProcess.WaitUntilAsync(() => enough(progress()));
        await process.KillAsync();
        return progress();
    }
}
