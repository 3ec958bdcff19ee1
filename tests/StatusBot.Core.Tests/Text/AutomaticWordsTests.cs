using StatusBot.Core.Board;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.Replies;
using StatusBot.Core.Text;
using StatusBot.Testing;

namespace StatusBot.Core.Tests.Text;

/// <summary>Automatic incidents speak a customer's words, in the reader's language, and keep probe details for admins.</summary>
public sealed class AutomaticWordsTests
{
    private static readonly Localizer En = Localizer.For(Locales.English);

    private static readonly Localizer Fr = Localizer.For(Locales.Resolve("fr"));

    [Theory]
    [InlineData("en", "Streaming is unavailable")]
    [InlineData("fr", "Streaming est indisponible")]
    public void Title_OneServiceDown(string locale, string expected) =>
        Assert.Equal(expected, AutomaticWords.Title([("Streaming", ServiceStatus.MajorOutage)], Localizer.For(Locales.Resolve(locale))));

    [Theory]
    [InlineData("en", "Streaming, Website and API are unavailable")]
    [InlineData("fr", "Streaming, Website et API sont indisponibles")]
    public void Title_ThreeServicesDown(string locale, string expected) =>
        Assert.Equal(
            expected,
            AutomaticWords.Title([("Streaming", ServiceStatus.MajorOutage), ("Website", ServiceStatus.MajorOutage), ("API", ServiceStatus.MajorOutage)], Localizer.For(Locales.Resolve(locale))));

    [Fact]
    public void Title_SlowAndDown_SaysEach_WithoutATrailingPeriod()
    {
        Assert.Equal("Website is slow", AutomaticWords.Title([("Website", ServiceStatus.DegradedPerformance)], En));
        Assert.Equal("Streaming is unavailable; Website and API are slow", AutomaticWords.Title([("Streaming", ServiceStatus.MajorOutage), ("Website", ServiceStatus.DegradedPerformance), ("API", ServiceStatus.DegradedPerformance)], En));
        Assert.Equal("Website est lent", AutomaticWords.Title([("Website", ServiceStatus.DegradedPerformance)], Fr));
    }

    [Fact]
    public void Phrase_IsRenderedInEachLanguage_WithListsAndDurations()
    {
        var (english, phrase) = AutomaticWords.Say(
            nameof(Strings.Announce_UpstreamNowReports),
            PhraseArg.Of("AWS Elastic Load Balancing (us-east-1)"),
            PhraseArg.Of("Increased error rates"),
            PhraseArg.Span(TimeSpan.FromMinutes(3)));
        var back = new Phrase(nameof(Strings.Auto_BackStill), [PhraseArg.Names(["Website"]), PhraseArg.Names(["Streaming", "API"])]);

        Assert.Equal("AWS Elastic Load Balancing (us-east-1) now reports: Increased error rates (acknowledged 3 minutes after our checks first failed)", english);
        Assert.Equal("AWS Elastic Load Balancing (us-east-1) signale maintenant : Increased error rates (reconnu 3 minutes après les premiers échecs de nos contrôles)", AutomaticWords.Render(phrase, Fr));
        Assert.Equal("Website is back; Streaming and API are still affected", AutomaticWords.Render(back, En));
        Assert.Equal("Website fonctionne de nouveau ; Streaming et API sont toujours touchés", AutomaticWords.Render(back, Fr));
    }

    [Fact]
    public async Task AutomaticIncident_ReadsInFrench_ForAFrenchReader_AndNotesAreForAdminsOnly()
    {
        await using var bot = await TestBot.StartAsync();
        var at = bot.Time.GetUtcNow();
        await bot.Board.ExecuteAsync(
            _ => Decision.Apply(
                new IncidentOpened(Actor.System, at, "INC-1", "Streaming is unavailable", Impact.Major, [new AffectedService("streaming", ServiceStatus.MajorOutage)], [], null, null, at, at.AddMinutes(30), null, true),
                new IncidentNoteAdded(Actor.System, at, "INC-1", "Streaming: HTTP 503 in 4 ms"),
                new IncidentServiceAdded(
                    Actor.System, at, "INC-1", new AffectedService("website", ServiceStatus.MajorOutage), Impact.Major, "Streaming and Website are unavailable", "Website is affected too",
                    new Phrase(nameof(Strings.Auto_Joined), [PhraseArg.Names(["Website"])]))),
            CancellationToken.None);

        var french = (await bot.RunAsync("incident show INC-1", TestBot.Viewer("fr"))).Reply;
        var viewer = (await bot.RunAsync("incident show INC-1", TestBot.Viewer())).Reply.ToPlainText();
        var admin = (await bot.RunAsync("incident show INC-1", TestBot.Admin())).Reply.ToPlainText();

        Assert.Equal("INC-1 · Streaming et Website sont indisponibles", french.Title);
        Assert.Contains(french.Fields, f => f.Value.StartsWith("Website est touché aussi", StringComparison.Ordinal));
        Assert.DoesNotContain("HTTP 503", viewer, StringComparison.Ordinal);
        Assert.Contains("Internal notes (admins only)", admin, StringComparison.Ordinal);
        Assert.Contains("Streaming: HTTP 503 in 4 ms", admin, StringComparison.Ordinal);
    }
}
