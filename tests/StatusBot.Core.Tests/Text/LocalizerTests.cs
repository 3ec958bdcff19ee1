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
    [InlineData("de", "de")]
    [InlineData("de-AT", "de")]
    [InlineData("es-419", "es")]
    [InlineData("es-ES", "es")]
    [InlineData("pt-BR", "pt-BR")]
    [InlineData("pt", "pt-BR")]
    [InlineData("ja", "ja")]
    [InlineData("ja-JP", "ja")]
    [InlineData("it", "en")]
    [InlineData("french", "en")]
    [InlineData(null, "en")]
    public void Resolve_PlatformLocaleTag_MapsToASupportedLanguage(string? tag, string expected)
    {
        Assert.Equal(expected, Locales.Resolve(tag).Name);
    }

    [Theory]
    [InlineData("de", "3 Stunden und 12 Minuten", "vor 3 Stunden", "in 30 Minuten", "25. Dez. 00:30 UTC")]
    [InlineData("es", "3 horas y 12 minutos", "hace 3 horas", "en 30 minutos", "25 dic 00:30 UTC")]
    [InlineData("pt-BR", "3 horas e 12 minutos", "3 horas atrás", "em 30 minutos", "25 de dez. 00:30 UTC")]
    [InlineData("ja", "3時間12分", "3 時間前", "30 分後", "12月25日 00:30 UTC")]
    public void DurationRelativeClock_EachLanguage_ReadInThatLanguage(string locale, string duration, string past, string future, string clock)
    {
        var l = Localizer.For(Locales.Resolve(locale));

        Assert.Equal(duration, l.Duration(TimeSpan.FromHours(3) + TimeSpan.FromMinutes(12) + TimeSpan.FromSeconds(40)));
        Assert.Equal(past, l.Relative(Now.AddHours(-3), Now));
        Assert.Equal(future, l.Relative(Now.AddMinutes(30), Now.AddSeconds(2)));
        Assert.Equal(clock, l.Clock(Now.AddHours(4), Now));
        Assert.Equal("23:30 UTC", l.Clock(Now.AddHours(3), Now));
    }

    [Theory]
    [InlineData("de", "27 Millionen", "27,5 Millionen", "1 Million", "2 Milliarden")]
    [InlineData("es", "27 millones", "27,5 millones", "1 millón", "2 mil millones")]
    [InlineData("pt-BR", "27 milhões", "27,5 milhões", "1 milhão", "2 bilhões")]
    [InlineData("ja", "2700万", "2748万", "100万", "20億")]
    public void Count_Millions_EachLanguage(string locale, string n27, string n27_5, string n1, string n2000)
    {
        var l = Localizer.For(Locales.Resolve(locale));

        Assert.Equal([n27, n27_5, n1, n2000], new[] { 27_000_000L, 27_480_000, 1_000_000, 2_000_000_000 }.Select(l.Count));
    }

    [Theory]
    [InlineData("de", "Streaming, Website und API")]
    [InlineData("es", "Streaming, Website y API")]
    [InlineData("pt-BR", "Streaming, Website e API")]
    [InlineData("ja", "Streaming、Website、API")]
    public void List_EachLanguage_ItsConjunction(string locale, string expected)
    {
        Assert.Equal(expected, Localizer.For(Locales.Resolve(locale)).List(["Streaming", "Website", "API"]));
    }

    [Theory]
    [InlineData("en", 0, "Error_RateLimitedHint")]
    [InlineData("en", 1, "Error_RateLimitedHint_One")]
    [InlineData("fr", 0, "Error_RateLimitedHint_One")]
    [InlineData("de", 0, "Error_RateLimitedHint")]
    [InlineData("de", 1, "Error_RateLimitedHint_One")]
    [InlineData("es", 1, "Error_RateLimitedHint_One")]
    [InlineData("pt-BR", 0, "Error_RateLimitedHint_One")]
    [InlineData("pt-BR", 2, "Error_RateLimitedHint")]
    [InlineData("ja", 1, "Error_RateLimitedHint_One")]
    public void Plural_EachLanguage_ItsOwnRuleForTheSingular(string locale, long count, string key)
    {
        var l = Localizer.For(Locales.Resolve(locale));

        Assert.Equal(l.Format(key, count), l.Plural("Error_RateLimitedHint", count));
    }

    [Theory]
    [InlineData("en", "99.95%")]
    [InlineData("fr", "99.95\u00A0%")]
    [InlineData("de", "99.95\u00A0%")]
    [InlineData("es", "99.95\u00A0%")]
    [InlineData("pt-BR", "99.95%")]
    [InlineData("ja", "99.95%")]
    public void PercentSign_EachLanguage_SpacedAsItsTypographyWants(string locale, string expected)
    {
        Assert.Equal(expected, Localizer.For(Locales.Resolve(locale)).PercentSign("99.95"));
    }
}
