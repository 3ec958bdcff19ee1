using System.Text.Json;
using StatusBot.Core.Replies;
using StatusBot.Slack.Json;
using StatusBot.Slack.Rendering;
using StatusBot.Testing.Slack;

namespace StatusBot.Slack.Tests.Rendering;

public sealed class SlackRendererTests
{
    private const string Injection = "<!channel> <!here> <@U024BE7LH> <https://evil.example|click> @here @channel & more";

    [Fact]
    public void Render_InjectionInEveryText_NoControlSequenceSurvives()
    {
        var reply = new Reply
        {
            Title = Injection,
            Lines = [Injection],
            Fields = [new ReplyField(Injection, Injection), new ReplyField(Injection, Injection, Inline: true)],
            Footer = Injection,
            Actions = [new ReplyAction("timeline:INC-1", Injection, "incident show INC-1", AdminOnly: false)],
        };

        var json = Serialize(SlackRenderer.Render(reply, showAdminActions: true));

        var document = JsonDocument.Parse(json).RootElement;
        var mrkdwn = SlackJson.MrkdwnTexts(document).ToList();
        Assert.NotEmpty(mrkdwn);
        Assert.All(mrkdwn, t => Assert.DoesNotContain('<', t));
        Assert.All(mrkdwn, t => Assert.Contains("&lt;!channel&gt;", t));
        Assert.DoesNotContain("<", document.GetProperty("text").GetString()!, StringComparison.Ordinal);
        Assert.False(document.TryGetProperty("link_names", out _));
        Assert.False(document.TryGetProperty("parse", out _));
    }

    [Fact]
    public void Render_HeaderTitle_IsPlainTextWhichSlackNeverParses()
    {
        var reply = new Reply { Title = "<!channel> Streaming fails" };

        var message = SlackRenderer.Render(reply, showAdminActions: false);

        var header = Assert.IsType<HeaderBlock>(message.Blocks![0]);
        Assert.Equal("plain_text", header.Text.Type);
        Assert.DoesNotContain("<!channel>", message.Text);
    }

    [Fact]
    public void Render_AnyReply_SetsTextFallback()
    {
        var reply = new Reply { Title = "All systems operational", Lines = ["🟢 Streaming — Operational"] };

        var message = SlackRenderer.Render(reply, showAdminActions: false);

        Assert.Equal("All systems operational\n🟢 Streaming — Operational", message.Text);
    }

    [Theory]
    [InlineData(Severity.Critical, "🔴 Streaming down")]
    [InlineData(Severity.Success, "✅ Streaming down")]
    [InlineData(Severity.Error, "⚠️ Streaming down")]
    public void Render_Severity_ShowsItsIconInTheHeader(Severity severity, string expected)
    {
        var reply = new Reply { Title = "Streaming down", Severity = severity };

        var header = Assert.IsType<HeaderBlock>(SlackRenderer.Render(reply, false).Blocks![0]);

        Assert.Equal(expected, header.Text.Text);
    }

    [Fact]
    public void Render_HugeReply_StaysWithinSlackLimits()
    {
        var longLine = new string('x', 5000) + "&";
        var reply = new Reply
        {
            Title = new string('T', 400),
            Lines = [.. Enumerable.Repeat(longLine, 80)],
            Fields = [.. Enumerable.Range(0, 40).Select(i => new ReplyField("field " + i, new string('<', 3000), Inline: i % 2 == 0))],
            Footer = "footer",
            Actions = [new ReplyAction("timeline:INC-1", "Timeline", "incident show INC-1", false)],
        };

        var message = SlackRenderer.Render(reply, showAdminActions: true);

        Assert.True(message.Blocks!.Count <= SlackRenderer.MaxBlocks);
        Assert.True(message.Text.Length <= SlackRenderer.MaxFallback);
        Assert.True(Assert.IsType<HeaderBlock>(message.Blocks[0]).Text.Text.Length <= SlackRenderer.MaxHeader);
        foreach (var section in message.Blocks.OfType<SectionBlock>())
        {
            Assert.True((section.Text?.Text.Length ?? 0) <= SlackRenderer.MaxSectionText);
            Assert.All(section.Fields ?? [], f => Assert.True(f.Text.Length <= SlackRenderer.MaxFieldText));
            Assert.True((section.Fields?.Count ?? 0) <= SlackRenderer.MaxFieldsPerSection);
        }

        Assert.IsType<ActionsBlock>(message.Blocks[^1]);
        Assert.Contains(message.Blocks.OfType<ContextBlock>(), c => c.Elements[0].Text.StartsWith(SlackEscape.Ellipsis + " +", StringComparison.Ordinal));
    }

    [Fact]
    public void Truncate_CutInsideAnEntity_CutsBeforeIt()
    {
        var escaped = SlackEscape.Mrkdwn("abcd<efgh");

        var cut = SlackEscape.Truncate(escaped, 7);

        Assert.Equal("abcd" + SlackEscape.Ellipsis, cut);
    }

    [Fact]
    public void Render_AdminOnlyActions_HiddenUnlessAsked()
    {
        var reply = new Reply
        {
            Title = "INC-1",
            Actions =
            [
                new ReplyAction("timeline:INC-1", "Show timeline", "incident show INC-1", AdminOnly: false),
                new ReplyAction("resolve:INC-1", "Resolve", "incident resolve INC-1", AdminOnly: true),
            ],
        };

        var forViewer = SlackRenderer.Render(reply, showAdminActions: false).Blocks!.OfType<ActionsBlock>().Single();
        var forAdmin = SlackRenderer.Render(reply, showAdminActions: true).Blocks!.OfType<ActionsBlock>().Single();

        Assert.Equal(["timeline:INC-1"], forViewer.Elements.Select(e => e.ActionId));
        Assert.Equal(["timeline:INC-1", "resolve:INC-1"], forAdmin.Elements.Select(e => e.ActionId));
        Assert.Equal("incident resolve INC-1", forAdmin.Elements[1].Value);
    }

    private static string Serialize(SlackMessage message) => JsonSerializer.Serialize(message, SlackJsonContext.Default.SlackMessage);
}
