using StatusBot.Core.Board;
using StatusBot.Core.Domain;
using StatusBot.Monitoring;
using StatusBot.Testing;
using StatusBot.Testing.Discord;
using StatusBot.Testing.EndToEnd;
using Xunit.Abstractions;

namespace StatusBot.EndToEnd.Tests;

/// <summary>
/// The night as customers read it: three services behind one load balancer fail within seconds, the provider speaks
/// minutes later, services come back one by one. Each channel, on Discord and on Slack, has one card for it all, edited in
/// place, and a thread that tells each change in a customer's words.
/// </summary>
public sealed class CorrelatedOutageTests(ITestOutputHelper output)
{
    private static readonly string[] Probed = ["streaming", "website", "api"];

    [Fact]
    public async Task ThreeDependentServicesFailing_GiveOneCardPerChannel_TheLateProviderIsNamed_AndTheResolutionApologizes()
    {
        await using var rig = await AnnouncingRig.StartAsync();
        var discord = AnnouncingRig.DiscordChannel(1);
        var slack = AnnouncingRig.SlackChannel(1);
        await rig.SubscribeAsync([discord, slack]);
        var policy = new MonitoringPolicy(_ => new PolicyThresholds(FailureThreshold: 3, RecoveryThreshold: 2), TimeSpan.FromMinutes(30));

        // Streaming's third failure opens the incident; Website and API reach theirs a second or two later.
        for (var round = 0; round < 3; round++)
        {
            foreach (var service in Probed)
            {
                rig.Bot.Advance(TimeSpan.FromSeconds(round == 0 && service == "streaming" ? 30 : 1));
                await ObserveAsync(rig, policy, service, ProbeOutcome.Down);
                if (round == 2 && service == "streaming")
                {
                    await rig.SettleAsync();
                }
            }
        }

        await rig.SettleAsync();
        rig.Bot.Advance(TimeSpan.FromMinutes(3));
        var report = new UpstreamReport(DemoCatalog.ElbId, "major", "Increased error rates for load balancers", "investigating", rig.Bot.Time.GetUtcNow());
        await rig.Bot.Board.ExecuteAsync(s => UpstreamRecorder.Decide(s, report), CancellationToken.None);
        await rig.SettleAsync();
        rig.Bot.Advance(TimeSpan.FromMinutes(40));
        await ObserveAsync(rig, policy, "website", ProbeOutcome.Up, ProbeOutcome.Up);
        await rig.SettleAsync();
        rig.Bot.Advance(TimeSpan.FromMinutes(50));
        await ObserveAsync(rig, policy, "streaming", ProbeOutcome.Up, ProbeOutcome.Up);
        await ObserveAsync(rig, policy, "api", ProbeOutcome.Up, ProbeOutcome.Up);
        await rig.SettleAsync();

        var incident = Assert.Single(rig.Bot.State.Incidents.Values);
        Assert.True(incident.IsResolved);

        var card = Assert.Single(rig.Discord.MessagesIn(discord.ChannelId));
        var discordThread = rig.Discord.MessagesIn(card.Id).Select(DiscordText).ToList();
        var slackCard = Assert.Single(rig.SlackOf(slack).TopLevel(slack.ChannelId));
        var slackThread = rig.SlackOf(slack).Replies(slack.ChannelId, slackCard.Ts).Select(m => m.Text).ToList();
        output.WriteLine("=== Discord card ===\n" + DiscordText(card));
        discordThread.ForEach(t => output.WriteLine("--- Discord thread reply ---\n" + t));
        output.WriteLine("=== Slack card ===\n" + slackCard.Text);
        slackThread.ForEach(t => output.WriteLine("--- Slack thread reply ---\n" + t));

        Assert.Equal("INC-1 · Streaming, Website and API are unavailable", card.EmbedTitle);
        foreach (var thread in new[] { discordThread, slackThread })
        {
            Assert.Equal(4, thread.Count);
            Assert.Contains("Website is affected too", thread[0], StringComparison.Ordinal);
            Assert.Contains("API is affected too", thread[0], StringComparison.Ordinal);
            Assert.Contains(
                "AWS Elastic Load Balancing (us-east-1) now reports: Increased error rates for load balancers (acknowledged 3 minutes after our checks first failed)",
                thread[1],
                StringComparison.Ordinal);
            Assert.Contains("Website is back; Streaming and API are still affected", thread[2], StringComparison.Ordinal);
            Assert.Contains("Resolved after 1 hour, 36 minutes. Affected: Streaming, Website and API.", thread[3], StringComparison.Ordinal);
            Assert.Contains("Cause (suspected): AWS Elastic Load Balancing (us-east-1) reports Increased error rates for load balancers", thread[3], StringComparison.Ordinal);
            Assert.Contains("We are sorry for the disruption", thread[3], StringComparison.Ordinal);
            Assert.All(thread, t => Assert.DoesNotContain("HTTP", t, StringComparison.Ordinal));
        }

        Assert.DoesNotContain("HTTP", slackCard.Text + slackCard.Blocks, StringComparison.Ordinal);
        Assert.DoesNotContain("HTTP", card.Body.ToJsonString(), StringComparison.Ordinal);
    }

    private static async Task ObserveAsync(AnnouncingRig rig, MonitoringPolicy policy, string service, params ProbeOutcome[] outcomes)
    {
        foreach (var outcome in outcomes)
        {
            if (outcome == ProbeOutcome.Up)
            {
                rig.Bot.Advance(TimeSpan.FromSeconds(30));
            }

            var detail = outcome == ProbeOutcome.Up ? "HTTP 200 in 41 ms" : "HTTP 503 in 4 ms";
            var observation = new Observation(service, outcome, rig.Bot.Time.GetUtcNow(), detail);
            await rig.Bot.Board.ExecuteAsync(s => Decision.Apply(policy.Decide(s, observation)), CancellationToken.None);
        }
    }

    private static string DiscordText(EmulatedMessage message)
    {
        var embed = message.Body["embeds"]?[0];
        var fields = embed?["fields"]?.AsArray().Select(f => $"{f?["name"]}: {f?["value"]}") ?? [];
        return string.Join('\n', new[] { embed?["title"]?.GetValue<string>(), embed?["description"]?.GetValue<string>() }.Concat(fields).Where(s => !string.IsNullOrEmpty(s)));
    }
}
