using System.Text;

namespace StatusBot.Slack.Rendering;

/// <summary>
/// Slack's mrkdwn escaping (<c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c> and nothing else), which makes every control sequence
/// (<c>&lt;!channel&gt;</c>, <c>&lt;@U1&gt;</c>, links) typed by a user inert, and length limits that never cut an entity.
/// </summary>
public static class SlackEscape
{
    public const string Ellipsis = "…";

    public static string Mrkdwn(string text)
    {
        if (text.AsSpan().IndexOfAny('&', '<', '>') < 0 && !HasControl(text))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '\n' or '\t': sb.Append(c); break;
                default:
                    if (!char.IsControl(c))
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// The text as the user typed it: Slack sends <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> in slash-command and message text
    /// as <c>&amp;amp;</c>, <c>&amp;lt;</c> and <c>&amp;gt;</c>. One pass, so <c>&amp;amp;lt;</c> becomes <c>&amp;lt;</c>, not <c>&lt;</c>.
    /// </summary>
    public static string Unescape(string text)
    {
        if (!text.Contains('&', StringComparison.Ordinal))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var rest = text.AsSpan(i);
            if (rest.StartsWith("&amp;", StringComparison.Ordinal))
            {
                sb.Append('&');
                i += 4;
            }
            else if (rest.StartsWith("&lt;", StringComparison.Ordinal))
            {
                sb.Append('<');
                i += 3;
            }
            else if (rest.StartsWith("&gt;", StringComparison.Ordinal))
            {
                sb.Append('>');
                i += 3;
            }
            else
            {
                sb.Append(text[i]);
            }
        }

        return sb.ToString();
    }

    /// <summary>Plain text for <c>plain_text</c> objects: never parsed by Slack, so only control characters go.</summary>
    public static string Plain(string text) => HasControl(text) ? new string([.. text.Where(c => c == '\n' || !char.IsControl(c))]) : text;

    /// <summary>Cuts <paramref name="text"/> to at most <paramref name="max"/> characters with an ellipsis, never inside an entity or a surrogate pair.</summary>
    public static string Truncate(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max - Ellipsis.Length;
        var amp = text.LastIndexOf('&', cut - 1, Math.Min(cut, 5));
        if (amp >= 0 && text.IndexOf(';', amp) is var semi && (semi < 0 || semi >= cut))
        {
            cut = amp;
        }

        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut), Ellipsis);
    }

    private static bool HasControl(string text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not '\n' and not '\t')
            {
                return true;
            }
        }

        return false;
    }
}
