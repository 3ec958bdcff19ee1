using System.Text;

namespace StatusBot.Core.Commands;

/// <summary>
/// Splits a text command into words and quoted strings. Straight quotes, curly quotes and French guillemets all quote
/// (phones type the curly ones); <c>\"</c> escapes a quote inside quotes. <c>key:value</c> and <c>key:"a b"</c> become one
/// token with a key.
/// </summary>
public static class Tokenizer
{
    /// <summary>Returns the tokens, or null with <paramref name="unclosedQuote"/> set when a quote is never closed.</summary>
    public static IReadOnlyList<Token>? Tokenize(string text, out bool unclosedQuote)
    {
        var tokens = new List<Token>();
        unclosedQuote = false;
        var i = 0;
        var breaks = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                breaks += text[i] == '\n' ? 1 : 0;
                i++;
                continue;
            }

            var count = tokens.Count;
            var start = i;
            if (ClosingQuote(text[i]) is { } close)
            {
                if (!TryReadQuoted(text, ref i, close, out var quoted))
                {
                    unclosedQuote = true;
                    return null;
                }

                tokens.Add(new Token(quoted, null, text[start..i], true) { LineBreaksBefore = breaks });
                breaks = 0;
                continue;
            }

            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                var colon = text[i] == ':' && i > start && IsKey(text.AsSpan(start, i - start));
                if (colon && i + 1 < text.Length && ClosingQuote(text[i + 1]) is { } keyClose)
                {
                    var key = text[start..i];
                    i++;
                    if (!TryReadQuoted(text, ref i, keyClose, out var quotedValue))
                    {
                        unclosedQuote = true;
                        return null;
                    }

                    tokens.Add(new Token(quotedValue, key.ToLowerInvariant(), text[start..i], true));
                    start = -1;
                    break;
                }

                if (colon)
                {
                    var key = text[start..i];
                    var valueStart = ++i;
                    while (i < text.Length && !char.IsWhiteSpace(text[i]))
                    {
                        i++;
                    }

                    tokens.Add(new Token(text[valueStart..i], key.ToLowerInvariant(), text[start..i], false));
                    start = -1;
                    break;
                }

                i++;
            }

            if (start >= 0)
            {
                tokens.Add(new Token(text[start..i], null, text[start..i], false));
            }

            if (tokens.Count > count)
            {
                tokens[^1] = tokens[^1] with { LineBreaksBefore = breaks };
            }

            breaks = 0;
        }

        return tokens;
    }

    private static bool TryReadQuoted(string text, ref int i, char close, out string value)
    {
        var sb = new StringBuilder();
        i++;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && (text[i + 1] == close || text[i + 1] == '\\'))
            {
                sb.Append(text[i + 1]);
                i += 2;
                continue;
            }

            if (c == close)
            {
                i++;
                value = sb.ToString();
                return true;
            }

            sb.Append(c);
            i++;
        }

        value = "";
        return false;
    }

    private static char? ClosingQuote(char c) => c switch
    {
        '"' => '"',
        '\u201C' => '\u201D',
        '\u201E' => '\u201C',
        '\u00AB' => '\u00BB',
        _ => null,
    };

    private static bool IsKey(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiLetterUpper(c) && c != '-' && c != '_')
            {
                return false;
            }
        }

        return s.Length is > 0 and <= 20;
    }
}
