using StatusBot.Testing;

namespace StatusBot.Announcing.Tests;

public sealed class AnnouncementTimesTests
{
    [Fact]
    public async Task Card_NextUpdate_IsATimeMarkForTheReadersZone()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major \"Streaming fails\"");
        var renderer = new AnnouncementRenderer(new AnnouncementOptions());
        var now = bot.Time.GetUtcNow();

        var card = renderer.Card(bot.State.Incidents["INC-1"], bot.State, Localizer.For(Locales.French), now);
        var marks = new List<TimeMark>();
        var plain = card.Lines.Select(line => TimeMarks.Render(line, m =>
        {
            marks.Add(m);
            return m.Text;
        })).ToList();

        Assert.Contains(marks, m => m.Style == TimeMarks.TimeStyle && m.At == now.AddMinutes(30) && m.Text == "21:00 UTC");
        Assert.Contains("Prochaine mise à jour avant 21:00 UTC (dans 30 minutes)", plain);
    }

    [Fact]
    public async Task HoldingUpdate_StoredInTheTimeline_IsPlainUtcText()
    {
        await using var kit = await AnnounceKit.StartAsync();
        await kit.SubscribeAsync("C1");
        await kit.RunAsync("incident open streaming major \"Streaming fails\"");
        await kit.PassAsync();

        kit.Bot.Advance(TimeSpan.FromMinutes(30));
        await kit.PassAsync();

        var stored = kit.Bot.State.Incidents["INC-1"].Timeline[^1].Message;
        Assert.Contains("21:30 UTC", stored, StringComparison.Ordinal);
        Assert.False(TimeMarks.HasMarks(stored));
    }
}
