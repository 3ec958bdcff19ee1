using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace StatusBot.Core.Text;

/// <summary>
/// A moment inside neutral text, so each platform can show it in the reader's own time zone: Discord's
/// <c>&lt;t:UNIX:t&gt;</c>, Slack's <c>&lt;!date^UNIX^{time}|…&gt;</c>, a <c>&lt;time&gt;</c> element on the status page.
/// A mark is private-use characters around a style letter, the UNIX seconds and the UTC text to fall back on
/// (<c>U+E000 t 1766619000 U+E001 23:30 UTC U+E002</c>); a relative mark (<c>R</c>) carries the relative text and then the
/// UTC text. Marks exist only between a reply being written and a renderer drawing it: <see cref="Plain"/> turns them into
/// their UTC text for everything that does not know them (logs, stored events, feeds, JSON).
/// </summary>
public static partial class TimeMarks
{
    public const char Open = '\uE000';
    public const char Separator = '\uE001';
    public const char Close = '\uE002';

    /// <summary>A time of day, today: <c>23:30 UTC</c>.</summary>
    public const char TimeStyle = 't';

    /// <summary>A date and a time: <c>Dec 24, 23:30 UTC</c>.</summary>
    public const char DateTimeStyle = 'f';

    /// <summary>A time relative to now: <c>in 25 minutes</c>.</summary>
    public const char RelativeStyle = 'R';

    private static readonly long MinSeconds = DateTimeOffset.MinValue.ToUnixTimeSeconds();
    private static readonly long MaxSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    /// <summary>A mark for <paramref name="at"/> in <paramref name="style"/>, falling back on <paramref name="text"/>.</summary>
    public static string Mark(char style, DateTimeOffset at, string text, string? utc = null)
    {
        if (style is not (TimeStyle or DateTimeStyle or RelativeStyle))
        {
            throw new ArgumentOutOfRangeException(nameof(style), style, "A time mark's style is t, f or R.");
        }

        var sb = new StringBuilder(text.Length + 24)
            .Append(Open).Append(style).Append(at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))
            .Append(Separator).Append(Strip(text));
        if (utc is not null)
        {
            sb.Append(Separator).Append(Strip(utc));
        }

        return sb.Append(Close).ToString();
    }

    /// <summary>Whether <paramref name="text"/> holds a mark-delimiting character at all.</summary>
    public static bool HasMarks(string? text) => text is not null && text.AsSpan().IndexOfAnyInRange(Open, Close) >= 0;

    /// <summary>
    /// Every mark in <paramref name="text"/> replaced by <paramref name="render"/>'s text; stray delimiters (a part of a mark
    /// someone typed) are dropped. Renderers call it after escaping, so what a mark becomes is never escaped away, and the
    /// fallback texts inside have been escaped like any other text.
    /// </summary>
    public static string Render(string text, Func<TimeMark, string> render)
    {
        if (!HasMarks(text))
        {
            return text;
        }

        var replaced = MarkPattern().Replace(text, m => Strip(render(Of(m))));
        return Strip(replaced);
    }

    /// <summary>
    /// For formats whose escaping would mangle the delimiters (HTML): the text between marks through
    /// <paramref name="text"/> (stray delimiters dropped first), each mark through <paramref name="mark"/>, which escapes
    /// the mark's texts itself.
    /// </summary>
    public static string Render(string source, Func<string, string> text, Func<TimeMark, string> mark)
    {
        if (!HasMarks(source))
        {
            return text(source);
        }

        var sb = new StringBuilder(source.Length + 64);
        var at = 0;
        foreach (Match m in MarkPattern().Matches(source))
        {
            sb.Append(text(Strip(source[at..m.Index]))).Append(mark(Of(m)));
            at = m.Index + m.Length;
        }

        return sb.Append(text(Strip(source[at..]))).ToString();
    }

    /// <summary>The text with every mark as its UTC fallback: what logs, stored events and plain-text places get.</summary>
    public static string Plain(string text) => Render(text, m => m.Text);

    /// <summary>The text without any mark-delimiting character: for text that came from a person.</summary>
    public static string Strip(string text) => HasMarks(text) ? new string([.. text.Where(c => c is < Open or > Close)]) : text;

    private static TimeMark Of(Match m)
    {
        var seconds = long.Parse(m.Groups[2].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var at = seconds < MinSeconds || seconds > MaxSeconds ? DateTimeOffset.UnixEpoch : DateTimeOffset.FromUnixTimeSeconds(seconds);
        return new TimeMark(m.Groups[1].Value[0], at, m.Groups[3].Value, m.Groups[4].Success ? m.Groups[4].Value : m.Groups[3].Value);
    }

    // Seconds within DateTimeOffset's range (12 digits), the texts without delimiters.
    [GeneratedRegex("\uE000([tfR])(-?[0-9]{1,12})\uE001([^\uE000-\uE002]*)(?:\uE001([^\uE000-\uE002]*))?\uE002", RegexOptions.CultureInvariant)]
    private static partial Regex MarkPattern();
}

/// <summary>One time mark: its style, the moment, its fallback text, and the UTC text (the same as the fallback but for relative marks).</summary>
public readonly record struct TimeMark(char Style, DateTimeOffset At, string Text, string Utc)
{
    public long UnixSeconds => At.ToUnixTimeSeconds();
}
