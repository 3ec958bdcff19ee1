using StatusBot.Discord.Rendering;

namespace StatusBot.Discord.Tests.Rendering;

public sealed class DiscordMarkdownTests
{
    [Theory]
    [InlineData("@everyone look", "@\u200Beveryone look")]
    [InlineData("hi @here", "hi @\u200Bhere")]
    [InlineData("<@123> and <@&456>", "\\<@123\\> and \\<@&456\\>")]
    [InlineData("**bold** _it_ `code` ||spoiler||", "\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\|\\|spoiler\\|\\|")]
    [InlineData("# Heading\n- item", "\\# Heading\n\\- item")]
    [InlineData("[click](https://evil.example)", "\\[click\\](https://evil.example)")]
    [InlineData("TV, consoles - US East", "TV, consoles - US East")]
    public void Escape_Markup_IsShownLiterally(string text, string expected)
    {
        Assert.Equal(expected, DiscordMarkdown.Escape(text));
    }

    [Fact]
    public void Clip_CutInsideAnEscape_DoesNotLeaveALoneBackslash()
    {
        var escaped = DiscordMarkdown.Escape("abc*def");

        var clipped = DiscordMarkdown.Clip(escaped, 5);

        Assert.Equal("abc…", clipped);
    }

    [Fact]
    public void Clip_CutInsideASurrogatePair_KeepsThePairWhole()
    {
        var clipped = DiscordMarkdown.Clip("ab😀cdef", 4);

        Assert.Equal("ab…", clipped);
    }
}
