using StatusBot.Core.Publishing;

namespace StatusBot.Announcing.Tests.Publishing;

public sealed class PublicTextTests
{
    private const string Link = "https://status.example.com/incidents/INC-12345678901234567890";

    [Fact]
    public void Length_OnXAndMastodon_CountsEveryUrlAs23()
    {
        var text = "Down " + Link;

        var (x, mastodon, bluesky) = (PublicText.Length("x", text), PublicText.Length("mastodon", text), PublicText.Length("bluesky", text));

        Assert.Equal((5 + 23, 5 + 23, 5 + Link.Length), (x, mastodon, bluesky));
    }

    [Fact]
    public void Length_OnX_WeighsJapaneseAndEmojiDouble()
    {
        var length = PublicText.Length("x", "障害ab👍🏽");

        Assert.Equal(2 + 2 + 1 + 1 + 2, length);
    }

    [Fact]
    public void Length_OnBluesky_CountsGraphemes()
    {
        var length = PublicText.Length("bluesky", "é👨‍👩‍👧e\u0301");

        Assert.Equal(3, length);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("mastodon")]
    [InlineData("bluesky")]
    public void Fit_CutsALongBody_SoTheComposedPostFitsExactly(string platform)
    {
        var body = string.Concat(Enumerable.Repeat("ストリーミング障害 streaming outage ", 60));

        var fitted = PublicText.Fit(platform, body, Link);

        Assert.True(PublicText.Fits(platform, fitted, Link));
        Assert.EndsWith("…", fitted, StringComparison.Ordinal);
        Assert.False(PublicText.Fits(platform, body[..(fitted.Length + 2)], Link));
    }

    [Fact]
    public void Escape_PutsAWordJoinerAfterEveryAt()
    {
        var escaped = PublicText.Escape("@jack ＠ops mail@example.com");

        Assert.Equal("@\u2060jack @\u2060ops mail@\u2060example.com", escaped);
    }
}
