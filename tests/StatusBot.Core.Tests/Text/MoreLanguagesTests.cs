using StatusBot.Core.Commands;
using StatusBot.Core.Text;
using StatusBot.Testing;

namespace StatusBot.Core.Tests.Text;

/// <summary>Answers, help and questions in German, Spanish, Brazilian Portuguese and Japanese.</summary>
public sealed class MoreLanguagesTests
{
    [Theory]
    [InlineData("de", "Streaming: Teilausfall", "🟠 Streaming — Teilausfall · seit 3 Stunden", "1 offene Störung")]
    [InlineData("es", "Streaming: interrupción parcial", "🟠 Streaming — Interrupción parcial · desde hace 3 horas", "1 incidente abierto")]
    [InlineData("pt-BR", "Streaming: interrupção parcial", "🟠 Streaming — Interrupção parcial · há 3 horas", "1 incidente em aberto")]
    [InlineData("ja", "Streaming：部分的な障害", "🟠 Streaming — 部分的な障害 · 3時間前から", "未解決のインシデント 1 件")]
    public async Task Status_EachLanguage_OverviewInThatLanguage(string locale, string title, string line, string footer)
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major \"Streaming fails\"");
        bot.Advance(TimeSpan.FromHours(3));

        var reply = (await bot.RunAsync("status", TestBot.Viewer(locale))).Reply;

        Assert.Equal(title, reply.Title);
        Assert.Equal(line, reply.Lines[0]);
        Assert.Equal(footer, reply.Footer);
    }

    [Theory]
    [InlineData("de", "StatusBot-Befehle", "Überblick über alle Dienste")]
    [InlineData("es", "Comandos de StatusBot", "Resumen de todos los servicios")]
    [InlineData("pt-BR", "Comandos do StatusBot", "Visão geral de todos os serviços")]
    [InlineData("ja", "StatusBot のコマンド", "全サービスまたは一つのサービスの概要")]
    public async Task Help_EachLanguage_ListsTheCommandsInThatLanguage(string locale, string title, string statusHelp)
    {
        await using var bot = await TestBot.StartAsync();

        var reply = (await bot.RunAsync("help", TestBot.Viewer(locale))).Reply;

        Assert.Equal(title, reply.Title);
        Assert.Contains(reply.Lines.Concat(reply.Fields.Select(f => f.Value)), l => l.Contains(statusHelp, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("warum ist streaming ausgefallen?", "Warum: INC-1 · Panne", "Entspricht: why streaming")]
    [InlineData("¿por qué está caído el streaming?", "Por qué: INC-1 · Panne", "Equivale a: why streaming")]
    [InlineData("por que o streaming caiu?", "Por quê: INC-1 · Panne", "O mesmo que: why streaming")]
    [InlineData("なぜstreamingが落ちているの？", "原因：INC-1 · Panne", "同じ操作：why streaming")]
    public async Task Question_AskedInALanguage_AnsweredInIt(string question, string title, string footer)
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major Panne");

        var result = await bot.AskAsync(question, TestBot.Viewer() with { CultureIsDefault = true });

        Assert.Equal(title, result!.Reply.Title);
        Assert.Equal(footer, result.Reply.Footer);
    }

    [Theory]
    [InlineData("ist streaming gerade ausgefallen?", "de")]
    [InlineData("el streaming no funciona", "es")]
    [InlineData("o streaming está fora do ar?", "pt-BR")]
    [InlineData("streamingは落ちてる？", "ja")]
    public async Task Question_StatusAskedInALanguage_AnsweredInIt(string question, string locale)
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major Panne");
        var expected = (await bot.RunAsync("status streaming", TestBot.Viewer(locale))).Reply.Title;

        var result = await bot.AskAsync(question, TestBot.Viewer() with { CultureIsDefault = true });

        Assert.Equal(expected, result!.Reply.Title);
        Assert.Equal(Localizer.For(Locales.Resolve(locale)).Format(nameof(Strings.Question_Tip), "status streaming"), result.Reply.Footer);
    }

    [Fact]
    public async Task Question_CallerChoseALanguage_KeepsIt()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major Panne");

        var result = await bot.AskAsync("warum ist streaming ausgefallen?", TestBot.Viewer("ja"));

        Assert.Equal("原因：INC-1 · Panne", result!.Reply.Title);
    }

    [Theory]
    [InlineData("de", "INC-1 · Panne nach 2 Stunden und 5 Minuten behoben")]
    [InlineData("ja", "2時間5分")]
    public async Task Resolve_EachLanguage_DurationInThatLanguage(string locale, string expected)
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major Panne");
        bot.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(5));

        var result = await bot.RunAsync("incident resolve 1", TestBot.Admin(locale));

        Assert.Equal(CommandOutcome.Changed, result.Outcome);
        Assert.Contains(expected, result.Reply.Title, StringComparison.Ordinal);
    }
}
