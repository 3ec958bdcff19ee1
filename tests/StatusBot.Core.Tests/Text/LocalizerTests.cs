using StatusBot.Core.Text;
using StatusBot.Testing;

namespace StatusBot.Core.Tests.Text;

public sealed class LocalizerTests
{
    private static readonly Localizer En = Localizer.For(Locales.English);
    private static readonly Localizer Fr = Localizer.For(Locales.French);
    private static readonly DateTimeOffset Now = TestBot.Start;

    [Theory]
    [InlineData(27_000_000, "27 million", "27 millions")]
    [InlineData(27_480_000, "27.5 million", "27,5 millions")]
    [InlineData(1_000_000, "1 million", "1 million")]
    [InlineData(2_000_000_000, "2 billion", "2 milliards")]
    public void Count_Millions_ReadLikeAPerson(long n, string english, string french)
    {
        Assert.Equal(english, En.Count(n));
        Assert.Equal(french, Fr.Count(n));
    }

    [Fact]
    public void Count_Thousands_GroupedPerLanguage()
    {
        Assert.Equal("12,500", En.Count(12_500));
        Assert.Matches("^12\\s500$", Fr.Count(12_500));
    }

    [Fact]
    public void Duration_HoursAndMinutes_BothLanguages()
    {
        var span = TimeSpan.FromHours(3) + TimeSpan.FromMinutes(12) + TimeSpan.FromSeconds(40);

        Assert.Equal("3 hours, 12 minutes", En.Duration(span));
        Assert.Equal("3 heures et 12 minutes", Fr.Duration(span));
        Assert.Equal("45 seconds", En.Duration(TimeSpan.FromSeconds(45)));
        Assert.Equal("0 seconds", En.Duration(TimeSpan.FromMinutes(-5)));
    }

    [Fact]
    public void Relative_PastAndFuture_BothLanguages()
    {
        Assert.Equal("3 hours ago", En.Relative(Now.AddHours(-3), Now));
        Assert.Equal("il y a 3 heures", Fr.Relative(Now.AddHours(-3), Now));
        Assert.Equal("30 minutes from now", En.Relative(Now.AddMinutes(30), Now));
    }

    [Fact]
    public void Relative_SecondsShortOfAMinute_RoundsToTheNearestMinute()
    {
        Assert.Equal("30 minutes from now", En.Relative(Now.AddMinutes(30), Now.AddSeconds(2)));
        Assert.Equal("dans 30 minutes", Fr.Relative(Now.AddMinutes(30), Now.AddSeconds(2)));
        Assert.Equal("2 hours ago", En.Relative(Now.AddMinutes(-119).AddSeconds(-40), Now));
    }

    [Fact]
    public void Clock_SameDayOrNot_DateOnlyWhenNeeded()
    {
        Assert.Equal("23:30 UTC", En.Clock(Now.AddHours(3), Now));
        Assert.Equal("Dec 25, 00:30 UTC", En.Clock(Now.AddHours(4), Now));
        Assert.Equal("25 déc. 00:30 UTC", Fr.Clock(Now.AddHours(4), Now));
    }

    [Fact]
    public void List_ThreeItems_LocalizedConjunction()
    {
        Assert.Equal("Streaming, Website and API", En.List(["Streaming", "Website", "API"]));
        Assert.Equal("Streaming, Website et API", Fr.List(["Streaming", "Website", "API"]));
    }

    [Theory]
    [InlineData("fr", "fr")]
    [InlineData("fr-CA", "fr")]
    [InlineData("FR_fr", "fr")]
    [InlineData("en-US", "en")]
    [InlineData("de", "en")]
    [InlineData("french", "en")]
    [InlineData(null, "en")]
    public void Resolve_PlatformLocaleTag_MapsToASupportedLanguage(string? tag, string expected)
    {
        Assert.Equal(expected, Locales.Resolve(tag).Name);
    }
}
