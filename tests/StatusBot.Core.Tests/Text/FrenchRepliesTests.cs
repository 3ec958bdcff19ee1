using StatusBot.Testing;

namespace StatusBot.Core.Tests.Text;

/// <summary>The main session of the issue, asked by a French-speaking user.</summary>
public sealed class FrenchRepliesTests
{
    [Fact]
    public async Task Status_French_OverviewAndIncidentInFrench()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major \"Le streaming échoue\" segments:\"TV, consoles\"");
        bot.Advance(TimeSpan.FromHours(3));

        var reply = (await bot.RunAsync("status", TestBot.Viewer("fr"))).Reply;

        Assert.Equal("Streaming : panne partielle", reply.Title);
        Assert.Equal("🟠 Streaming — Panne partielle · depuis 3 heures", reply.Lines[0]);
        Assert.Equal("🟢 Website — Opérationnel", reply.Lines[1]);
        Assert.Contains("Touchés : TV, consoles", reply.Fields[0].Value, StringComparison.Ordinal);
        Assert.Contains("En cours d'analyse · impact majeur (panne partielle) · Streaming · a commencé il y a 3 heures", reply.Fields[0].Value, StringComparison.Ordinal);
        Assert.Equal("1 incident en cours", reply.Footer);
    }

    [Fact]
    public async Task Question_French_AnsweredInFrenchWithTheEquivalentCommand()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major Panne");

        var result = await bot.AskAsync("pourquoi le streaming est en panne ?", TestBot.Viewer("fr"));

        Assert.Equal("Pourquoi : INC-1 · Panne", result!.Reply.Title);
        Assert.Equal("Équivaut à : why streaming", result.Reply.Footer);
    }

    [Fact]
    public async Task Resolve_French_DurationInFrench()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major Panne");
        bot.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(5));

        var result = await bot.RunAsync("incident resolve 1", TestBot.Admin("fr"));

        Assert.Equal("Résolu : INC-1 · Panne, au bout de 2 heures et 5 minutes", result.Reply.Title);
    }

    [Fact]
    public async Task StatusOneService_French_SinceAClockAndADurationNotALiteralTranslation()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major Panne");
        bot.Advance(TimeSpan.FromSeconds(31));

        var reply = (await bot.RunAsync("status streaming", TestBot.Viewer("fr"))).Reply;
        var overview = (await bot.RunAsync("status", TestBot.Viewer("fr"))).Reply;

        Assert.Equal("Depuis 20:30 UTC (31 secondes)", reply.Lines[0]);
        Assert.Equal("🟠 Streaming — Panne partielle · depuis 31 secondes", overview.Lines[0]);
        Assert.DoesNotContain("il y a", reply.Lines[0] + overview.Lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusOneService_FrenchRightAfterOpening_AlInstantNotMaintenantOrZeroSeconds()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major Panne");

        var reply = (await bot.RunAsync("status streaming", TestBot.Viewer("fr"))).Reply;

        Assert.Equal("Depuis 20:30 UTC (à l'instant)", reply.Lines[0]);
        Assert.Contains("a commencé à l'instant", string.Join("\n", reply.Fields.Select(f => f.Value)), StringComparison.Ordinal);
    }
}
