using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace StatusBot.Core.Publishing;

/// <summary>
/// The text of a public post as each platform counts it: X weighs characters (most Latin ones 1, CJK and emoji 2) against
/// 280 with every URL as 23; Mastodon counts 500 characters with every URL as 23; Bluesky counts 300 graphemes of the text
/// as written. Incident text never creates a mention: every <c>@</c> is followed by a word joiner.
/// </summary>
public static partial class PublicText
{
    /// <summary>What each URL counts on X and Mastodon, whatever its length (their link shorteners).</summary>
    public const int UrlLength = 23;

    private const char WordJoiner = '\u2060';

    public static int Limit(string platform) => platform switch
    {
        "x" => 280,
        "mastodon" => 500,
        _ => 300,
    };

    /// <summary>The post as sent: the escaped body, a blank line, the incident's link.</summary>
    public static string Compose(string body, string link) => link.Length == 0 ? Escape(body) : Escape(body).TrimEnd() + "\n\n" + link;

    /// <summary>The body with no <c>@</c> that a platform could read as a mention (<c>@handle</c>, <c>@user@host</c>, <c>@handle.bsky.social</c>).</summary>
    public static string Escape(string body) =>
        body.Replace("\uFF20", "@", StringComparison.Ordinal).Replace("@", "@" + WordJoiner, StringComparison.Ordinal).Replace("@" + WordJoiner + WordJoiner, "@" + WordJoiner, StringComparison.Ordinal);

    /// <summary>The length of <paramref name="text"/> as <paramref name="platform"/> counts it.</summary>
    public static int Length(string platform, string text) => platform switch
    {
        "x" => Weighted(text),
        "mastodon" => Graphemes(Urls().Replace(text, new string('u', UrlLength))),
        _ => Graphemes(text),
    };

    /// <summary>True when the composed post fits the platform.</summary>
    public static bool Fits(string platform, string body, string link) => Length(platform, Compose(body, link)) <= Limit(platform);

    /// <summary>The body cut (with "…") so that the composed post fits; unchanged when it already does.</summary>
    public static string Fit(string platform, string body, string link)
    {
        if (Fits(platform, body, link))
        {
            return body;
        }

        var elements = TextElements(body);
        var low = 0;
        var high = elements.Count;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (Fits(platform, string.Concat(elements.Take(mid)).TrimEnd() + "…", link))
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return string.Concat(elements.Take(low)).TrimEnd() + "…";
    }

    public static int Graphemes(string text) => new StringInfo(text).LengthInTextElements;

    /// <summary>X's weighted length: each URL 23; code points in the light ranges 1, every other grapheme 2.</summary>
    private static int Weighted(string text)
    {
        var total = 0;
        var last = 0;
        foreach (Match url in Urls().Matches(text))
        {
            total += WeightOf(text[last..url.Index]) + UrlLength;
            last = url.Index + url.Length;
        }

        return total + WeightOf(text[last..]);
    }

    private static int WeightOf(string text)
    {
        var total = 0;
        foreach (var element in TextElements(text))
        {
            var rune = Rune.GetRuneAt(element, 0).Value;
            total += element.Length == 1 && IsLight(rune) ? 1 : element.EnumerateRunes().All(r => IsLight(r.Value)) ? element.EnumerateRunes().Count() : 2;
        }

        return total;
    }

    private static bool IsLight(int codePoint) =>
        codePoint is (>= 0x0000 and <= 0x10FF) or (>= 0x2000 and <= 0x200D) or (>= 0x2010 and <= 0x201F) or (>= 0x2032 and <= 0x2037);

    private static List<string> TextElements(string text)
    {
        var list = new List<string>();
        var e = StringInfo.GetTextElementEnumerator(text);
        while (e.MoveNext())
        {
            list.Add(e.GetTextElement());
        }

        return list;
    }

    [GeneratedRegex(@"https?://[^\s]+", RegexOptions.CultureInvariant, 1000)]
    public static partial Regex Urls();
}
