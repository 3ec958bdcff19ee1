using StatusBot.Core.Replies;
using StatusBot.Host.ConsolePlatform;

namespace StatusBot.Host.Tests.ConsolePlatform;

public sealed class ConsoleRendererTests
{
    [Fact]
    public void Render_TextWithTerminalEscapes_ControlCharactersDropped()
    {
        var reply = new Reply
        {
            Title = "Down\u001b[2J\u001b]0;pwned\u0007",
            Lines = ["line\u0000one\u009b31m", "tab\there"],
            Fields = [new ReplyField("field\u001b[31m", "value\rcarriage\nsecond")],
            Footer = "foot\u0008er",
        };

        var text = ConsoleRenderer.Render(reply);

        var lines = text.Split(Environment.NewLine);
        Assert.All(lines, l => Assert.DoesNotContain(l, char.IsControl));
        Assert.Equal("Down[2J]0;pwned", lines[0]);
        Assert.Equal("  lineone31m", lines[1]);
        Assert.Equal("  tabhere", lines[2]);
        Assert.Equal("  field[31m", lines[3]);
        Assert.Equal("    valuecarriage", lines[4]);
        Assert.Equal("    second", lines[5]);
        Assert.Equal("  — footer", lines[6]);
    }

    [Fact]
    public void Render_ErrorReply_MarkedAndIndented()
    {
        var reply = Reply.Error("Missing <services>.", "Usage: incident open <services> <impact> <title…>");

        var text = ConsoleRenderer.Render(reply);

        Assert.Equal("⚠ Missing <services>." + Environment.NewLine + "  Usage: incident open <services> <impact> <title…>" + Environment.NewLine, text);
    }

    [Fact]
    public void Render_PlainReply_TitleLinesFieldsFooterInOrder()
    {
        var reply = new Reply
        {
            Title = "All systems operational",
            Lines = ["🟢 Streaming — Operational"],
            Fields = [new ReplyField("INC-1 · Down", "Investigating\nCause: not known yet")],
            Footer = "No open incidents",
            Severity = Severity.Success,
        };

        var text = ConsoleRenderer.Render(reply);

        Assert.Equal(
            ["All systems operational", "  🟢 Streaming — Operational", "  INC-1 · Down", "    Investigating", "    Cause: not known yet", "  — No open incidents", ""],
            text.Split(Environment.NewLine));
    }
}
