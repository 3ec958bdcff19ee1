using System.Collections.Immutable;

namespace StatusBot.Core.Commands;

/// <summary>
/// Turns a text command (Slack, console) into a <see cref="CommandInput"/>: finds the command by its first one or two
/// words (a leading <c>/</c> is allowed), then sorts the remaining tokens into positional words and named values.
/// A <c>key:value</c> whose key is not an option of the command stays a plain word (so URLs and times survive).
/// </summary>
public static class TextCommandParser
{
    public static bool TryParse(string text, out CommandInput input, out CommandError? error)
    {
        input = null!;
        var tokens = Tokenizer.Tokenize(text, out var unclosed);
        if (tokens is null)
        {
            error = new CommandError(unclosed ? CommandErrorKind.UnclosedQuote : CommandErrorKind.Empty);
            return false;
        }

        if (tokens.Count == 0)
        {
            error = new CommandError(CommandErrorKind.Empty);
            return false;
        }

        var first = CommandWord(tokens[0]);
        var used = 1;
        var spec = Catalog.Find(first);
        if (spec is null && Catalog.Groups.Contains(first, StringComparer.OrdinalIgnoreCase))
        {
            var sub = tokens.Count > 1 ? CommandWord(tokens[1]) : "";
            spec = Catalog.Find(first + " " + sub);
            used = 2;
            if (spec is null)
            {
                var group = Catalog.InGroup(first).ToList();
                var guess = Suggestions.Nearest(sub, group.Select(c => c.Leaf));
                error = sub.Length == 0
                    ? new CommandError(CommandErrorKind.MissingSubcommand, group[0], Value: first)
                    : new CommandError(CommandErrorKind.UnknownSubcommand, group[0], Value: first + " " + sub)
                    {
                        Suggestion = guess is null ? null : first + " " + guess,
                    };
                error = error with { Details = [.. group.Select(c => c.Usage)] };
                return false;
            }
        }

        if (spec is null)
        {
            error = new CommandError(CommandErrorKind.UnknownCommand, Value: first)
            {
                Suggestion = Suggestions.Nearest(first, CommandWords),
            };
            return false;
        }

        var positional = ImmutableArray.CreateBuilder<string>();
        var named = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var token in tokens.Skip(used))
        {
            if (token.Key is { } key && spec.FindOption(key) is { } option)
            {
                named[option.Name] = token.Value;
            }
            else
            {
                // A word after line breaks keeps them in front (at most a blank line): free text that keeps its lines
                // (a postmortem's Markdown) needs them; every other option trims them away.
                var word = token.Key is null ? token.Value : token.Raw;
                positional.Add(token.LineBreaksBefore > 0 && positional.Count > 0 ? new string('\n', Math.Min(token.LineBreaksBefore, 2)) + word : word);
            }
        }

        input = new CommandInput(spec, positional.ToImmutable(), named.ToImmutable());
        error = null;
        return true;
    }

    /// <summary>True when the text starts like a command (so a console line or a mention is run, not read as a question).</summary>
    public static bool LooksLikeCommand(string text)
    {
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('/'))
        {
            return true;
        }

        var end = trimmed.IndexOfAny([' ', '\t']);
        var first = (end < 0 ? trimmed : trimmed[..end]).ToLowerInvariant();
        if (first.Length == 0 || trimmed.TrimEnd().EndsWith('?'))
        {
            return false;
        }

        return Catalog.All.Any(c => c.Name == first) || Catalog.Groups.Contains(first);
    }

    /// <summary>The words a command line can start with: the single commands and the groups.</summary>
    public static IEnumerable<string> CommandWords => Catalog.All.Where(c => c.Group is null).Select(c => c.Name).Concat(Catalog.Groups);

    private static string CommandWord(Token token) => token.Value.TrimStart('/').ToLowerInvariant();
}
