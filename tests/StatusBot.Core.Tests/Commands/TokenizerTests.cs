using StatusBot.Core.Commands;

namespace StatusBot.Core.Tests.Commands;

public sealed class TokenizerTests
{
    private static IReadOnlyList<Token> Tokens(string text)
    {
        var tokens = Tokenizer.Tokenize(text, out var unclosed);
        Assert.False(unclosed);
        return Assert.IsAssignableFrom<IReadOnlyList<Token>>(tokens);
    }

    [Fact]
    public void Tokenize_WordsAndQuotedString_KeepsQuotedSpaces()
    {
        var tokens = Tokens("incident open streaming major \"Streaming fails on many devices\"");

        Assert.Equal(["incident", "open", "streaming", "major", "Streaming fails on many devices"], tokens.Select(t => t.Value));
        Assert.True(tokens[^1].Quoted);
        Assert.False(tokens[0].Quoted);
    }

    [Theory]
    [InlineData("open \u201Csmart quotes from a phone\u201D", "smart quotes from a phone")]
    [InlineData("open \u201Eguillemets allemands\u201C", "guillemets allemands")]
    [InlineData("open \u00ABguillemets fran\u00E7ais\u00BB", "guillemets fran\u00E7ais")]
    [InlineData("open \u00AB espaces ins\u00E9cables \u00BB", " espaces ins\u00E9cables ")]
    [InlineData("open \"say \\\"hi\\\" twice\"", "say \"hi\" twice")]
    [InlineData("open \"back\\\\slash\"", "back\\slash")]
    [InlineData("open \"\"", "")]
    public void Tokenize_AnyQuoteStyle_QuotesTheText(string text, string expected)
    {
        var tokens = Tokens(text);

        Assert.Equal(2, tokens.Count);
        Assert.Equal(expected, tokens[1].Value);
        Assert.True(tokens[1].Quoted);
    }

    [Fact]
    public void Tokenize_KeyValue_BecomesKeyedToken()
    {
        var tokens = Tokens("users:27000000 Cause:\"AWS ELB\" segments:\u00ABTV, consoles\u00BB");

        Assert.Equal([("users", "27000000"), ("cause", "AWS ELB"), ("segments", "TV, consoles")], tokens.Select(t => (t.Key!, t.Value)));
        Assert.Equal("Cause:\"AWS ELB\"", tokens[1].Raw);
    }

    [Theory]
    [InlineData("https://status.example.com/x")]
    [InlineData("12:30")]
    [InlineData("us-east-1:")]
    [InlineData(":colon")]
    public void Tokenize_ColonThatIsNotAKey_StillOneWord(string word)
    {
        var tokens = Tokens("see " + word + " now");

        Assert.Equal(3, tokens.Count);
        Assert.Equal(word, tokens[1].Raw);
    }

    [Fact]
    public void Tokenize_UrlLikeKey_IsKeyedButKeepsRaw()
    {
        var tokens = Tokens("see https://example.com");

        Assert.Equal("https", tokens[1].Key);
        Assert.Equal("https://example.com", tokens[1].Raw);
    }

    [Theory]
    [InlineData("open \"never closed")]
    [InlineData("open cause:\"never closed")]
    [InlineData("open \u00ABjamais ferm\u00E9")]
    [InlineData("open \u201Cmismatched\"")]
    public void Tokenize_UnclosedQuote_ReportsIt(string text)
    {
        var tokens = Tokenizer.Tokenize(text, out var unclosed);

        Assert.Null(tokens);
        Assert.True(unclosed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \t  ")]
    public void Tokenize_Blank_NoTokens(string text)
    {
        var tokens = Tokens(text);

        Assert.Empty(tokens);
    }

    [Fact]
    public void Tokenize_TabsAndRepeatedSpaces_SeparateWords()
    {
        var tokens = Tokens("status\t\tstreaming   ");

        Assert.Equal(["status", "streaming"], tokens.Select(t => t.Value));
    }
}
