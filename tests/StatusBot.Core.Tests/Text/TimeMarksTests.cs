using StatusBot.Core.Chat;
using StatusBot.Core.Replies;
using StatusBot.Core.Text;
using StatusBot.Testing;

namespace StatusBot.Core.Tests.Text;

public sealed class TimeMarksTests
{
    private static readonly Localizer En = Localizer.For(Locales.English);
    private static readonly Localizer Fr = Localizer.For(Locales.French);
    private static readonly DateTimeOffset Now = TestBot.Start;

    [Fact]
    public void Time_Today_CarriesTheMomentAndTheUtcText()
    {
        var due = Now.AddMinutes(45);
        var text = En.Format(nameof(Strings.Announce_NextUpdate), En.Time(due, Now));

        var marks = new List<TimeMark>();
        var plain = TimeMarks.Render(text, m =>
        {
            marks.Add(m);
            return m.Text;
        });

        var mark = Assert.Single(marks);
        Assert.Equal(TimeMarks.TimeStyle, mark.Style);
        Assert.Equal(due, mark.At);
        Assert.Equal(1356383700, mark.UnixSeconds);
        Assert.Equal("Next update by 21:15 UTC.", plain);
        Assert.Equal(plain, TimeMarks.Plain(text));
    }

    [Fact]
    public void Time_AnotherDay_IsADateAndTimeInTheReadersLanguage()
    {
        var at = Now.AddHours(12).AddMinutes(30);

        Assert.Equal("Dec 25, 09:00 UTC", TimeMarks.Plain(En.Time(at, Now)));
        Assert.Equal("25 déc. 09:00 UTC", TimeMarks.Plain(Fr.Time(at, Now)));
        Assert.Equal("f", TimeMarks.Render(Fr.Time(at, Now), m => m.Style.ToString()));
    }

    [Fact]
    public void RelativeTime_FallsBackOnTheRelativeText_AndKeepsTheUtcText()
    {
        var at = Now.AddMinutes(25);
        TimeMark? seen = null;

        var plain = TimeMarks.Render(En.RelativeTime(at, Now), m =>
        {
            seen = m;
            return m.Text;
        });

        Assert.Equal("25 minutes from now", plain);
        Assert.Equal(TimeMarks.RelativeStyle, seen!.Value.Style);
        Assert.Equal("20:55 UTC", seen.Value.Utc);
    }

    [Fact]
    public void ReplyPlainText_HasNoMarks_OnlyTheUtcText()
    {
        var reply = new Reply { Title = "Streaming", Lines = [En.Format(nameof(Strings.Incident_NextUpdate), En.Time(Now.AddMinutes(45), Now), En.Relative(Now.AddMinutes(45), Now))] };

        var plain = reply.ToPlainText();

        Assert.Equal("Streaming\nNext update by 21:15 UTC (45 minutes from now)", plain);
        Assert.False(TimeMarks.HasMarks(plain));
    }

    [Fact]
    public void Render_TypedMarkCharacters_AreDropped_AndAForgedMarkShowsOnlyATime()
    {
        var stray = "Streaming \uE000 down \uE002 again\uE001";
        var forged = "x \uE000t1356383700\uE001<!channel>\uE002 y";

        Assert.Equal("Streaming  down  again", TimeMarks.Plain(stray));
        Assert.Equal("Streaming  down  again", TimeMarks.Strip(stray));
        Assert.Equal("x [1356383700] y", TimeMarks.Render(forged, m => "[" + m.UnixSeconds + "]"));
    }

    [Fact]
    public void Mark_StripsDelimitersFromItsOwnText()
    {
        var mark = TimeMarks.Mark(TimeMarks.TimeStyle, Now, "20:30\uE002 UTC");

        Assert.Equal("20:30 UTC", TimeMarks.Plain(mark));
    }

    [Fact]
    public async Task StatusReply_CarriesTheNextUpdateAsAMark_ForEachPlatformToShowInTheReadersZone()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major \"Streaming fails\"");

        var reply = (await bot.Pipeline.AnswerAsync(new ChatRequest(TestBot.Admin(), ChatInput.CommandText("status")), CancellationToken.None))!.Reply;
        var marks = new List<TimeMark>();
        TimeMarks.Render(reply.Fields[0].Value, m =>
        {
            marks.Add(m);
            return m.Text;
        });

        Assert.Contains(marks, m => m.Style == TimeMarks.TimeStyle && m.Text == "21:00 UTC");
        Assert.Contains(marks, m => m.Style == TimeMarks.RelativeStyle && m.At == Now);
        Assert.Contains("Next update by 21:00 UTC (30 minutes from now)", reply.ToPlainText(), StringComparison.Ordinal);
    }
}
