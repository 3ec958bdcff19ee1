using CsCheck;
using StatusBot.Core.Commands;
using StatusBot.Core.Questions;
using StatusBot.Core.State;
using StatusBot.Testing;
using StatusBot.Testing.Fuzz;

namespace StatusBot.Core.Tests.Fuzz;

/// <summary>
/// Any text, typed by anyone: the parser and the dispatcher never throw, and input that is not accepted leaves the board
/// exactly as it was (the same state object, so not one event was stored). Case counts are small here; see bench/README.md.
/// </summary>
public sealed class CommandFuzzTests
{
    /// <summary>Words the parser reacts to, so random text reaches deep paths, not only "unknown command".</summary>
    private static readonly string[] Vocabulary =
    [
        "/", "incident", "open", "update", "cause", "resolve", "apologize", "list", "show", "service", "set", "channel", "subscribe",
        "unsubscribe", "locale", "maintenance", "schedule", "cancel", "status", "why", "history", "uptime", "help", "streaming",
        "website", "api", "billing", "sign-in", "major", "minor", "critical", "identified", "monitoring", "resolved", "confirmed",
        "suspected", "degraded", "operational", "INC-1", "INC-999999999999999999999", "1", "-1", "0", "99999999999", "MNT-1",
        "in:2h", "90m", "days:7", "days:-3", "days:999999", "users:27000000", "users:1e9", "cause:\"x\"", "segments:", "upstream:",
        "upstream:aws-elb-us-east-1", "title:", "\"", "\"\"", "\"unclosed", "'", "--share", ":", "::", "=", "fr", "en", "xx-YY",
        "2012-12-24T20:30Z", "tomorrow", "@everyone", "<!channel>", "\t", "\u202E", "\u200D", "\0", "é", "🔥",
    ];

    private static readonly Gen<string> Word = Gen.Frequency(
        (6, Gen.OneOf(Vocabulary)),
        (2, Gen.String[Gen.Char.AlphaNumeric, 1, 12]),
        (1, Gen.String[Gen.Char, 0, 8]));

    /// <summary>Command-shaped text: a few vocabulary and random words, space or tab separated; sometimes anything at all.</summary>
    public static readonly Gen<string> CommandText = Gen.Frequency(
        (5, Word.Array[0, 10].Select(words => string.Join(' ', words))),
        (1, Gen.String),
        (1, Gen.String[Gen.Char, 0, 3000]));

    [Fact]
    public void Parse_AnyText_NeverThrows() =>
        CommandText.Sample(text =>
        {
            var parsed = TextCommandParser.TryParse(text, out var input, out var error);
            Assert.True(parsed ? input is not null && error is null : error is not null);
            _ = TextCommandParser.LooksLikeCommand(text);
        }, iter: FuzzBudget.Iterations(5_000));

    [Fact]
    public async Task Dispatch_AnyTextByAdminOrViewer_NeverThrows_AndRejectedInputChangesNothing()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major Down");
        await bot.RunAsync("maintenance schedule billing in:2h 90m Upgrade");

        await Gen.Select(CommandText, Gen.Bool).SampleAsync(async (text, admin) =>
        {
            var before = bot.State;
            var result = await bot.RunAsync(text, admin ? TestBot.Admin() : TestBot.Viewer());

            Assert.NotNull(result.Reply);
            if (result.Outcome != CommandOutcome.Changed)
            {
                Assert.Same(before, bot.State);
            }

            if (!admin)
            {
                Assert.NotEqual(CommandOutcome.Changed, result.Outcome);
            }
        }, iter: FuzzBudget.Iterations(3_000), threads: 1);
    }

    [Fact]
    public void IntentMatcher_AnyText_NeverThrows()
    {
        var state = BoardState.Create(DemoCatalog.Services, DemoCatalog.Upstreams);
        var sentence = Gen.Frequency(
            (3, Gen.OneOf(
                "is", "streaming", "down", "why", "pourquoi", "le", "site", "est", "lent", "?", "when", "back", "help", "video", "what's",
                "wrong", "can't", "log", "in", "qu'est-ce", "ça", "marche", "pas", "Œ", "ﬁ", "İ", "ß", "\u0301", "\u202E")
                .Array[0, 12].Select(w => string.Join(' ', w))),
            (1, Gen.String[Gen.Char, 0, 500]));

        sentence.Sample(text => Assert.NotNull(IntentMatcher.Match(text, state)), iter: FuzzBudget.Iterations(5_000));
    }

    [Fact]
    public async Task Router_AnyMessageByViewer_NeverThrows_AndNeverChangesTheBoard()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major Down");
        var before = bot.State;

        await Gen.Select(CommandText, Gen.Bool).SampleAsync(async (text, mustAnswer) =>
        {
            var result = await bot.AskAsync(text, TestBot.Viewer(), mustAnswer);

            Assert.True(result is not null || !mustAnswer);
            Assert.Same(before, bot.State);
        }, iter: FuzzBudget.Iterations(2_000), threads: 1);
    }
}
