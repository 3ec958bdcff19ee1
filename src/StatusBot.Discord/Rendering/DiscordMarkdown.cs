using System.Text;

namespace StatusBot.Discord.Rendering;

/// <summary>
/// Makes plain text safe for Discord: markdown characters are escaped, <c>&lt;</c> is escaped so nothing becomes a user,
/// role or channel mention, and <c>@everyone</c>/<c>@here</c> get a zero-width space (allowed_mentions already stops pings).
/// </summary>
public static class DiscordMarkdown
{
    private const char ZeroWidthSpace = '\u200B';

    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var sb = new StringBuilder(text.Length + 8);
        var lineStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\\' or '*' or '_' or '~' or '`' or '|' or '<' or '>' or '[' or ']':
                    sb.Append('\\').Append(c);
                    break;
                case '#' or '-' or '+' when lineStart:
                    sb.Append('\\').Append(c);
                    break;
                case '@':
                    sb.Append('@');
                    if (IsMassMention(text, i + 1))
                    {
                        sb.Append(ZeroWidthSpace);
                    }

                    break;
                default:
                    sb.Append(c);
                    break;
            }

            lineStart = c == '\n' || (lineStart && c is ' ' or '\t');
        }

        return sb.ToString();
    }

    /// <summary>Cuts escaped text to <paramref name="max"/> characters with an ellipsis, never inside an escape or a surrogate pair.</summary>
    public static string Clip(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        if (max <= 1)
        {
            return max == 1 ? "…" : "";
        }

        var cut = max - 1;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        var backslashes = 0;
        while (cut - backslashes - 1 >= 0 && text[cut - backslashes - 1] == '\\')
        {
            backslashes++;
        }

        if (backslashes % 2 == 1)
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut), "…");
    }

    private static bool IsMassMention(string text, int at) =>
        text.AsSpan(at).StartsWith("everyone", StringComparison.OrdinalIgnoreCase)
        || text.AsSpan(at).StartsWith("here", StringComparison.OrdinalIgnoreCase);
}
