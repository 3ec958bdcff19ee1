using System.Globalization;
using StatusBot.Core.Text;

namespace StatusBot.Discord.Rendering;

/// <summary>
/// Time marks as Discord's timestamp markup, which each reader's client shows in their own time zone and language:
/// <c>&lt;t:1766619000:t&gt;</c> for a time, <c>:f</c> for a date and time, <c>:R</c> for "in 25 minutes" (kept current
/// by the client).
/// </summary>
internal static class DiscordTimes
{
    /// <summary>Marks in already-escaped markdown replaced by timestamps.</summary>
    public static string Render(string markdown) => TimeMarks.Render(markdown, Token);

    private static string Token(TimeMark mark) => "<t:" + mark.UnixSeconds.ToString(CultureInfo.InvariantCulture) + ":" + mark.Style + ">";
}
