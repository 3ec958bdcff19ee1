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
/// Every kind of post (a command's answer, an announcement card, its thread reply) with hostile titles and messages,
/// through the Slack and Discord renderers: nothing in them can ping or link (Slack text is escaped so no <c>&lt;</c>
/// survives in parsed text; Discord parses no mentions at all), and every piece fits the platform's limits.
/// Bidirectional overrides and control characters are refused at the door by the binder (CommandBinderTests).
/// </summary>
public sealed class HostileTitleTests
{
    private const string Everything = "@everyone @here <!channel> <!here> <!subteam^S1> <@U123> <@&987654321> <#C1> <https://evil.example|click me> [click](https://evil.example) **bold** `code` ~~x~~ _i_ > quote & &amp; &lt;";

    public static TheoryData<string> Titles() =>
    [
        "@everyone the site is down",
        "@here",
        "<!channel> outage",
        "<!here|here>",
        "<@&1234567890> role ping",
        "[Reset your password](https://evil.example/login)",
        "<https://evil.example|Official status page>",
        "**URGENT** `rm -rf` ||spoiler|| ~~gone~~ # Heading",
        "Tom &amp; Jerry <b>bold</b> &",
        "zero\u200Dwidth\u200Bjoiners\u2060",
        Everything,
    ];

    [Theory]
    [MemberData(nameof(Titles))]
    public async Task RealPosts_HostileTitleAndMessage_AreInertAndWithinLimits(string title)
    {
        await using var bot = await TestBot.StartAsync();
        var message = string.Concat(Enumerable.Repeat(Everything + " ", 12))[..2000];
        Assert.Equal(Core.Commands.CommandOutcome.Changed, (await bot.RunAsync($"incident open streaming,website critical \"{title.Replace("\"", "'", StringComparison.Ordinal)}\"")).Outcome);
        Assert.Equal(Core.Commands.CommandOutcome.Changed, (await bot.RunAsync($"incident update 1 identified {message}")).Outcome);
        var incident = bot.State.Incidents.Values.Single();
        var renderer = new AnnouncementRenderer(new AnnouncementOptions());
        var l = Localizer.For(Locales.English);

        Reply[] posts =
        [
            (await bot.RunAsync("status")).Reply,
            (await bot.RunAsync("incident show 1")).Reply,
            (await bot.RunAsync("why streaming")).Reply,
            (await bot.RunAsync("incident list")).Reply,
            renderer.Card(incident, bot.State, l, bot.Time.GetUtcNow()),
            renderer.Changes(incident, 0, incident.Timeline.Count, bot.State, l, bot.Time.GetUtcNow()),
        ];

        Assert.All(posts, AssertInert);
    }

    [Fact]
    public void SyntheticReply_FiveThousandHostileCharactersEverywhere_InertAndWithinLimits()
    {
        var huge = string.Concat(Enumerable.Repeat(Everything + " \u202E\u200D ", 30))[..5000];
        var reply = new Reply
        {
            Title = huge,
            Lines = [huge, huge, huge, huge, huge, huge, huge, huge, huge, huge],
            Fields = [.. Enumerable.Range(0, 30).Select(i => new ReplyField(huge, huge, Inline: i % 2 == 0))],
            Footer = huge,
            Actions = [new ReplyAction("timeline:INC-1", huge, "incident show INC-1", AdminOnly: false)],
            Visibility = Visibility.Channel,
        };

        AssertInert(reply);
    }

    internal static void AssertInert(Reply reply)
    {
        // Slack: the message as posted (the publisher renders announcements with admin actions shown).
        var slack = JsonDocument.Parse(JsonSerializer.Serialize(SlackRenderer.Render(reply, showAdminActions: true))).RootElement;
        Assert.False(slack.TryGetProperty("link_names", out _));
        Assert.False(slack.TryGetProperty("parse", out _));
        var fallback = slack.GetProperty("text").GetString()!;
        Assert.InRange(fallback.Length, 1, 40_000);
        AssertSlackEscaped(fallback);
        foreach (var text in Texts(slack, "mrkdwn"))
        {
            Assert.InRange(text.Length, 0, 3_000);
            AssertSlackEscaped(text);
        }

        Assert.All(Texts(slack, "plain_text"), t => Assert.InRange(t.Length, 0, 3_000));
        if (slack.TryGetProperty("blocks", out var blocks))
        {
            Assert.InRange(blocks.GetArrayLength(), 1, 50);
            Assert.All(blocks.EnumerateArray().Where(b => b.GetProperty("type").GetString() == "header"), h => Assert.InRange(h.GetProperty("text").GetProperty("text").GetString()!.Length, 1, 150));
        }

        // Discord: both as a posted message and as an interaction answer.
        var message = DiscordRenderer.ToMessage(reply);
        var answer = DiscordRenderer.ToCallbackData(reply);
        foreach (var allowed in (AllowedMentions?[])[message.AllowedMentions, answer.AllowedMentions])
        {
            var mentions = JsonDocument.Parse(JsonSerializer.Serialize(allowed, DiscordJsonContext.Default.AllowedMentions!)).RootElement;
            Assert.Equal(0, mentions.GetProperty("parse").GetArrayLength());
            Assert.False(mentions.TryGetProperty("users", out var users) && users.GetArrayLength() > 0);
            Assert.False(mentions.TryGetProperty("roles", out var roles) && roles.GetArrayLength() > 0);
        }
        foreach (var embed in (Embed[])[.. message.Embeds!, .. answer.Embeds!])
        {
            Assert.InRange(embed.Title?.Length ?? 0, 0, 256);
            Assert.InRange(embed.Description?.Length ?? 0, 0, 4_096);
            Assert.InRange(embed.Fields?.Count ?? 0, 0, 25);
            Assert.All(embed.Fields ?? [], f => Assert.InRange(f.Name.Length, 1, 256));
            Assert.All(embed.Fields ?? [], f => Assert.InRange(f.Value.Length, 1, 1_024));
            Assert.InRange(embed.Footer?.Text.Length ?? 0, 0, 2_048);
            var total = (embed.Title?.Length ?? 0) + (embed.Description?.Length ?? 0) + (embed.Footer?.Text.Length ?? 0)
                + (embed.Fields ?? []).Sum(f => f.Name.Length + f.Value.Length);
            Assert.InRange(total, 0, 6_000);
        }

        Assert.InRange(DiscordRenderer.ToContent(reply).Length, 0, 2_000);
    }

    /// <summary>
    /// Slack parses &lt;…&gt; as mentions and links: none may survive but StatusBot's own date formatting of a time
    /// (<c>&lt;!date^1356383700^{time}|21:15 UTC&gt;</c>), and every &amp; must start an entity.
    /// </summary>
    private static void AssertSlackEscaped(string text)
    {
        text = StatusBot.Testing.Slack.SlackJson.WithoutDates(text);
        Assert.DoesNotContain('<', text);
        Assert.DoesNotContain('>', text);
        for (var i = text.IndexOf('&', StringComparison.Ordinal); i >= 0; i = text.IndexOf('&', i + 1))
        {
            var rest = text.AsSpan(i);
            Assert.True(rest.StartsWith("&amp;") || rest.StartsWith("&lt;") || rest.StartsWith("&gt;"), $"a bare & at {i}");
        }
    }

    private static IEnumerable<string> Texts(JsonElement element, string type)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (element.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == type && element.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
                {
                    yield return text.GetString()!;
                }

                foreach (var inner in element.EnumerateObject().SelectMany(p => Texts(p.Value, type)))
                {
                    yield return inner;
                }

                break;
            case JsonValueKind.Array:
                foreach (var inner in element.EnumerateArray().SelectMany(e => Texts(e, type)))
                {
                    yield return inner;
                }

                break;
        }
    }
}
