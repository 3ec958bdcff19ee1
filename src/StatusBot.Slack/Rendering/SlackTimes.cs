using System.Globalization;
using StatusBot.Core.Text;

namespace StatusBot.Slack.Rendering;

/// <summary>
/// Time marks as Slack's date formatting, which each reader's client shows in their own time zone:
/// <c>&lt;!date^1766619000^{time}|23:30 UTC&gt;</c> today, <c>{date_short} {time}</c> on another day, the UTC text after
/// the pipe for clients that cannot. Slack has no relative token, so a relative mark is the relative text written now
/// and then the reader's date and time.
/// </summary>
public static class SlackTimes
{
    /// <summary>Marks in already-escaped mrkdwn replaced by date formatting; the fallback texts inside are escaped too.</summary>
    public static string Render(string mrkdwn) => TimeMarks.Render(mrkdwn, Token);

    private static string Token(TimeMark mark) => mark.Style switch
    {
        TimeMarks.TimeStyle => Date(mark.UnixSeconds, "{time}", mark.Text),
        TimeMarks.DateTimeStyle => Date(mark.UnixSeconds, "{date_short} {time}", mark.Text),
        _ => mark.Text + " (" + Date(mark.UnixSeconds, "{date_short_pretty} {time}", mark.Utc) + ")",
    };

    // The fallback is escaped text; '|' and '>' can not end the token early ('>' is escaped, '|' only splits once).
    private static string Date(long seconds, string format, string fallback) =>
        "<!date^" + seconds.ToString(CultureInfo.InvariantCulture) + "^" + format + "|" + fallback.Replace("|", "/", StringComparison.Ordinal) + ">";
}
