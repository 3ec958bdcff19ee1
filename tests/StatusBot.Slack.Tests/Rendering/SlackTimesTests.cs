using System.Text.Json;
using StatusBot.Core.Replies;
using StatusBot.Core.Text;
using StatusBot.Slack.Json;
using StatusBot.Slack.Rendering;
using StatusBot.Testing;
using StatusBot.Testing.Slack;

namespace StatusBot.Slack.Tests.Rendering;

public sealed class SlackTimesTests
{
    private static readonly Localizer En = Localizer.For(Locales.English);
    private static readonly Localizer Fr = Localizer.For(Locales.French);
    private static readonly DateTimeOffset Now = TestBot.Start;

    [Fact]
    public void Render_NextUpdateToday_IsSlacksTimeInTheReadersZone_WithTheUtcTextAsFallback()
    {
        var reply = Post(En.Format(nameof(Strings.Announce_NextUpdate), En.Time(Now.AddMinutes(45), Now)));

        var message = SlackRenderer.Render(reply, showAdminActions: false);

        Assert.Contains("Next update by <!date^1356383700^{time}|21:15 UTC>.", Mrkdwn(message));
        Assert.Equal("Streaming\nNext update by 21:15 UTC.", message.Text);
    }

    [Fact]
    public void Render_AnotherDay_IsShortDateAndTime()
    {
        var reply = Post(En.Time(Now.AddHours(12).AddMinutes(30), Now));

        var message = SlackRenderer.Render(reply, showAdminActions: false);

        Assert.Contains("<!date^1356426000^{date_short} {time}|Dec 25, 09:00 UTC>", Mrkdwn(message));
    }

    [Fact]
    public void Render_French_KeepsTheFrenchFallback()
    {
        var reply = Post(Fr.Format(nameof(Strings.Announce_NextUpdate), Fr.Time(Now.AddHours(12).AddMinutes(30), Now)));

        var message = SlackRenderer.Render(reply, showAdminActions: false);

        Assert.Contains("Prochaine mise à jour avant <!date^1356426000^{date_short} {time}|25 déc. 09:00 UTC>.", Mrkdwn(message));
    }

    [Fact]
    public void Render_Relative_IsTheRelativeTextAndTheReadersDateAndTime()
    {
        var reply = Post("Started " + En.RelativeTime(Now.AddMinutes(-25), Now));

        var message = SlackRenderer.Render(reply, showAdminActions: false);

        Assert.Contains("Started 25 minutes ago (<!date^1356379500^{date_short_pretty} {time}|20:05 UTC>)", Mrkdwn(message));
    }

    [Fact]
    public void Render_TitleWithMarkCharacters_StaysInertAndCanNotPing()
    {
        // A title typed with the mark's private-use characters around a mention: at most a time can come of it.
        var typed = "Outage \uE000t1356383700\uE001<!channel>|x>\uE002 <!channel> \uE000R1\uE001@here\uE001<!everyone>\uE002";
        var reply = new Reply { Title = typed, Lines = [typed], Fields = [new ReplyField(typed, typed)], Footer = typed };

        var message = SlackRenderer.Render(reply, showAdminActions: false);
        var json = JsonSerializer.Serialize(message, SlackJsonContext.Default.SlackMessage);

        Assert.DoesNotContain("<!channel", json, StringComparison.Ordinal);
        Assert.DoesNotContain("<!everyone", json, StringComparison.Ordinal);
        Assert.DoesNotContain("<!here", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\uE000", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\uE000", json, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<!date^1356383700^{time}|&lt;!channel&gt;/x&gt;>", Mrkdwn(message));
    }

    private static Reply Post(string line) => new() { Title = "Streaming", Visibility = Visibility.Channel, Lines = [line] };

    private static string Mrkdwn(SlackMessage message)
    {
        var json = JsonSerializer.Serialize(message, SlackJsonContext.Default.SlackMessage);
        return string.Join("\n", SlackJson.MrkdwnTexts(JsonDocument.Parse(json).RootElement));
    }
}
