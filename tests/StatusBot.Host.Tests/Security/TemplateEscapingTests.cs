using System.Text.Json;
using StatusBot.Announcing;
using StatusBot.Core.Replies;
using StatusBot.Core.Text;
using StatusBot.Discord.Rendering;
using StatusBot.Discord.Wire;
using StatusBot.Slack.Rendering;
using StatusBot.Testing;

namespace StatusBot.Host.Tests.Security;

/// <summary>
/// An admin's template is text like any other: the Slack and Discord renderers escape what it writes, so a template
/// that spells <c>@everyone</c> or <c>&lt;!channel&gt;</c> reaches the channel as inert words, never a ping.
/// </summary>
public sealed class TemplateEscapingTests
{
    private const string Pings = "@everyone @here <!channel> <!here> <@&987654321> <https://evil.example|click>";

    [Fact]
    public async Task OverrideTemplatesWritingPings_ArePostedInert_OnSlackAndDiscord()
    {
        await using var bot = await TestBot.StartAsync();
        Assert.Equal(Core.Commands.CommandOutcome.Changed, (await bot.RunAsync("incident open streaming critical \"Streaming down\"")).Outcome);
        Assert.Equal(Core.Commands.CommandOutcome.Changed, (await bot.RunAsync("incident update 1 identified Load balancers")).Outcome);
        Assert.Equal(Core.Commands.CommandOutcome.Changed, (await bot.RunAsync("incident resolve 1")).Outcome);
        var options = new AnnouncementOptions();
        foreach (var map in new[] { options.Templates.Opened, options.Templates.Updated, options.Templates.Resolved, options.Templates.MaintenanceStarted })
        {
            map["en"] = Pings + " {{ services }}\n" + Pings;
        }

        Assert.Empty(PostTemplates.Errors(options.Templates));
        var renderer = new AnnouncementRenderer(options);
        var incident = bot.State.Incidents.Values.Single();
        var l = Localizer.For(Locales.English);
        var now = bot.Time.GetUtcNow();
        var maintenance = new Core.Domain.Maintenance("MNT-1", "Upgrade", ["streaming"], now, now.AddHours(1), ExpectedDown: false, Cancelled: false);

        Reply[] posts =
        [
            renderer.Card(incident, bot.State, l, now),
            renderer.Changes(incident, 0, incident.Timeline.Count, bot.State, l, now),
            renderer.Maintenance(maintenance, 3, bot.State, l, now),
        ];

        foreach (var post in posts)
        {
            // The template's words did reach the post…
            Assert.Contains(post.Lines.Prepend(post.Title), line => line.Contains("<!channel>", StringComparison.Ordinal));

            // …and are inert as posted: Slack escapes every <, Discord parses no mention.
            HostileTitleTests.AssertInert(post);
            var slack = JsonSerializer.Serialize(SlackRenderer.Render(post, showAdminActions: true));
            Assert.Contains("&lt;!channel&gt;", JsonDocument.Parse(slack).RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
            var discord = DiscordRenderer.ToMessage(post);
            var mentions = JsonDocument.Parse(JsonSerializer.Serialize(discord.AllowedMentions, DiscordJsonContext.Default.AllowedMentions!)).RootElement;
            Assert.Equal(0, mentions.GetProperty("parse").GetArrayLength());
        }
    }
}
