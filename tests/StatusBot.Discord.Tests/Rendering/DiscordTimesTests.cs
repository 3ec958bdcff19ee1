using StatusBot.Core.Replies;
using StatusBot.Core.Text;
using StatusBot.Discord.Rendering;
using StatusBot.Testing;

namespace StatusBot.Discord.Tests.Rendering;

public sealed class DiscordTimesTests
{
    private static readonly Localizer En = Localizer.For(Locales.English);
    private static readonly DateTimeOffset Now = TestBot.Start;

    [Fact]
    public void ToEmbed_NextUpdateToday_IsATimestampInTheReadersZone()
    {
        var due = Now.AddMinutes(45);
        var reply = new Reply
        {
            Title = "Streaming",
            Lines = [En.Format(nameof(Strings.Incident_NextUpdate), En.Time(due, Now), En.RelativeTime(due, Now))],
            Fields = [new ReplyField("Evidence", En.Time(Now.AddHours(12).AddMinutes(30), Now))],
        };

        var embed = DiscordRenderer.ToEmbed(reply);

        Assert.Equal("Next update by <t:1356383700:t> (<t:1356383700:R>)", embed.Description);
        Assert.Equal("<t:1356426000:f>", Assert.Single(embed.Fields!).Value);
        Assert.Equal("Streaming\nNext update by 21:15 UTC (45 minutes from now)\nEvidence: Dec 25, 09:00 UTC", DiscordRenderer.ToContent(reply));
    }

    [Fact]
    public void ToEmbed_TimeInATitleOrFooter_IsItsUtcText()
    {
        var reply = new Reply { Title = "Since " + En.Time(Now, Now), Footer = "Updated " + En.Time(Now, Now) };

        var embed = DiscordRenderer.ToEmbed(reply);

        Assert.Equal("Since 20:30 UTC", embed.Title);
        Assert.Equal("Updated 20:30 UTC", embed.Footer!.Text);
    }

    [Fact]
    public void ToEmbed_TitleWithMarkCharacters_StaysInertAndCanNotPing()
    {
        var typed = "Outage \uE000t1356383700\uE001@everyone <@&1>\uE002 \uE000 @here";
        var reply = new Reply { Title = typed, Lines = [typed], Fields = [new ReplyField(typed, typed)], Footer = typed };

        var embed = DiscordRenderer.ToEmbed(reply);
        var texts = new[] { embed.Title!, embed.Description!, embed.Fields![0].Name, embed.Fields[0].Value, embed.Footer!.Text };

        Assert.All(texts, t => Assert.DoesNotContain("@everyone", t, StringComparison.Ordinal));
        Assert.All(texts, t => Assert.DoesNotContain("@here", t, StringComparison.Ordinal));
        Assert.All(texts, t => Assert.DoesNotMatch(@"(?<!\\)<@", t));
        Assert.All(texts, t => Assert.False(TimeMarks.HasMarks(t)));
        Assert.Equal("Outage <t:1356383700:t>  @\u200Bhere", embed.Description);
    }
}
