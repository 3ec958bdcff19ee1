using System.Collections.Immutable;
using System.Globalization;
using StatusBot.Core.Domain;
using StatusBot.Core.State;

namespace StatusBot.Core.Commands;

/// <summary>
/// Validates a <see cref="CommandInput"/> against the catalog and the current state: fills positional options in order
/// (the last free-text option takes the rest), converts each value to its type, and checks lengths and characters.
/// The same rules apply to every platform, so a value Discord sends by name is checked exactly like a typed word.
/// </summary>
public static class CommandBinder
{
    public static bool TryBind(CommandInput input, BoardState state, out ImmutableDictionary<string, object> values, out CommandError? error)
    {
        var spec = input.Spec;
        var result = ImmutableDictionary.CreateBuilder<string, object>(StringComparer.OrdinalIgnoreCase);
        values = ImmutableDictionary<string, object>.Empty;

        foreach (var (name, raw) in input.Named)
        {
            var option = spec.FindOption(name);
            if (option is null)
            {
                error = new CommandError(CommandErrorKind.UnexpectedArgument, spec, name, raw);
                return false;
            }

            if (!TryConvert(spec, option, raw, state, out var value, out error))
            {
                return false;
            }

            if (value is not null)
            {
                result[option.Name] = value;
            }
        }

        foreach (var (name, typed) in input.Values)
        {
            var option = spec.FindOption(name);
            if (option is null)
            {
                error = new CommandError(CommandErrorKind.UnexpectedArgument, spec, name, typed.ToString());
                return false;
            }

            if (!TryConvertTyped(spec, option, typed, state, out var value, out error))
            {
                return false;
            }

            if (value is not null)
            {
                result[option.Name] = value;
            }
        }

        var open = spec.Positional.Where(o => !result.ContainsKey(o.Name)).ToList();
        var words = input.Positional;
        var w = 0;
        var o = 0;
        while (w < words.Length)
        {
            if (o >= open.Count)
            {
                error = new CommandError(CommandErrorKind.UnexpectedArgument, spec, Value: words[w].TrimStart('\n'));
                return false;
            }

            var option = open[o];
            if (option == spec.RestOption)
            {
                var rest = option.KeepsLineBreaks
                    ? string.Concat(words.Skip(w).Select((word, n) => n == 0 || word.StartsWith('\n') ? word : " " + word))
                    : string.Join(' ', words.Skip(w).Select(word => word.TrimStart('\n')));
                if (!TryConvert(spec, option, rest, state, out var restValue, out error))
                {
                    return false;
                }

                if (restValue is not null)
                {
                    result[option.Name] = restValue;
                }

                w = words.Length;
                o++;
                break;
            }

            if (!TryConvert(spec, option, words[w], state, out var value, out error))
            {
                // An optional option may be skipped when the word fits the next one ("uptime 7" means seven days).
                if (!option.Required && o + 1 < open.Count)
                {
                    if (TryConvert(spec, open[o + 1], words[w], state, out _, out var nextError))
                    {
                        o++;
                        continue;
                    }

                    // "uptime 91" is a number of days out of range, not a service called "91".
                    if (nextError?.Kind == CommandErrorKind.OutOfRange)
                    {
                        error = nextError;
                    }
                }

                return false;
            }

            if (value is not null)
            {
                result[option.Name] = value;
            }

            w++;
            o++;
        }

        foreach (var option in spec.Options)
        {
            if (option.Required && !result.ContainsKey(option.Name))
            {
                error = new CommandError(CommandErrorKind.MissingOption, spec, option.Name);
                return false;
            }
        }

        values = result.ToImmutable();
        error = null;
        return true;
    }

    /// <summary>A typed value: a number is range-checked as a number, a list checked word by word; text as any word.</summary>
    private static bool TryConvertTyped(CommandSpec spec, OptionSpec option, object typed, BoardState state, out object? value, out CommandError? error)
    {
        switch (typed)
        {
            case string text:
                return TryConvert(spec, option, text, state, out value, out error);

            case long n when option.Kind == OptionKind.Integer:
                value = null;
                error = null;
                if (n < option.Min || n > option.Max)
                {
                    error = new CommandError(CommandErrorKind.OutOfRange, spec, option.Name, n.ToString(CultureInfo.InvariantCulture))
                    {
                        Details = [option.Min.ToString(CultureInfo.InvariantCulture), option.Max.ToString(CultureInfo.InvariantCulture)],
                    };
                    return false;
                }

                value = n;
                return true;

            case IReadOnlyList<string> words when option.Kind == OptionKind.Services:
                var ids = ImmutableArray.CreateBuilder<string>();
                foreach (var word in words)
                {
                    if (!TryConvert(spec, option with { Kind = OptionKind.Service }, word, state, out var one, out error))
                    {
                        value = null;
                        return false;
                    }

                    if (one is string id && !ids.Contains(id))
                    {
                        ids.Add(id);
                    }
                }

                value = ids.Count == 0 ? null : ids.ToImmutable();
                error = null;
                return true;

            case IReadOnlyList<string> words when option.Kind == OptionKind.Text:
                // A list in free text (segments) is the comma list a person would type.
                return TryConvert(spec, option, string.Join(", ", words.Select(w => w.Trim()).Where(w => w.Length > 0)), state, out value, out error);

            default:
                value = null;
                error = new CommandError(CommandErrorKind.InvalidChoice, spec, option.Name, Clip(typed.ToString() ?? ""));
                return false;
        }
    }

    private static bool TryConvert(CommandSpec spec, OptionSpec option, string raw, BoardState state, out object? value, out CommandError? error)
    {
        value = null;
        error = null;
        var text = raw.Trim();
        if (text.Length == 0)
        {
            return true;
        }

        if (HasForbiddenCharacters(text, allowNewLines: option.Kind == OptionKind.Text && option.MaxLength > 200))
        {
            error = new CommandError(CommandErrorKind.ForbiddenCharacters, spec, option.Name);
            return false;
        }

        switch (option.Kind)
        {
            case OptionKind.Text:
                if (text.Length > option.MaxLength)
                {
                    error = new CommandError(CommandErrorKind.TooLong, spec, option.Name)
                    {
                        Details = [option.MaxLength.ToString(CultureInfo.InvariantCulture), text.Length.ToString(CultureInfo.InvariantCulture)],
                    };
                    return false;
                }

                value = text;
                return true;

            case OptionKind.Integer:
                if (!long.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var n))
                {
                    error = new CommandError(CommandErrorKind.NotANumber, spec, option.Name, Clip(text));
                    return false;
                }

                if (n < option.Min || n > option.Max)
                {
                    error = new CommandError(CommandErrorKind.OutOfRange, spec, option.Name, Clip(text))
                    {
                        Details = [option.Min.ToString(CultureInfo.InvariantCulture), option.Max.ToString(CultureInfo.InvariantCulture)],
                    };
                    return false;
                }

                value = n;
                return true;

            case OptionKind.Service:
                if (state.FindService(text) is not { } service)
                {
                    error = UnknownService(spec, option, text, state);
                    return false;
                }

                value = service.Id;
                return true;

            case OptionKind.Services:
                var ids = ImmutableArray.CreateBuilder<string>();
                foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (state.FindService(part) is not { } one)
                    {
                        error = UnknownService(spec, option, part, state);
                        return false;
                    }

                    if (!ids.Contains(one.Id))
                    {
                        ids.Add(one.Id);
                    }
                }

                if (ids.Count == 0)
                {
                    return true;
                }

                value = ids.ToImmutable();
                return true;

            case OptionKind.Upstream:
                var upstream = state.Upstreams.Values.FirstOrDefault(u =>
                    string.Equals(u.Id, text, StringComparison.OrdinalIgnoreCase) || string.Equals(u.Name, text, StringComparison.OrdinalIgnoreCase));
                if (upstream is null)
                {
                    error = new CommandError(CommandErrorKind.UnknownUpstream, spec, option.Name, Clip(text)) { Details = [.. state.Upstreams.Keys.Order()] };
                    return false;
                }

                value = upstream.Id;
                return true;

            case OptionKind.IncidentId:
                if (!IncidentIds.TryNormalize(text, out var id))
                {
                    error = new CommandError(CommandErrorKind.InvalidIncidentId, spec, option.Name, Clip(text));
                    return false;
                }

                value = id;
                return true;

            case OptionKind.ServiceStatus:
                return Choice(WireNames.TryParseServiceStatus(text, out var ss), ss, WireNames.ServiceStatusChoices, spec, option, text, out value, out error);

            case OptionKind.IncidentStatus:
                return Choice(WireNames.TryParseIncidentStatus(text, out var ist), ist, WireNames.ChoicesOf<IncidentStatus>(), spec, option, text, out value, out error);

            case OptionKind.Impact:
                return Choice(WireNames.TryParseImpact(text, out var impact), impact, WireNames.ChoicesOf<Impact>(), spec, option, text, out value, out error);

            case OptionKind.Confidence:
                return Choice(WireNames.TryParseConfidence(text, out var c), c, WireNames.ChoicesOf<CauseConfidence>(), spec, option, text, out value, out error);

            case OptionKind.PostmortemStep:
                return Choice(WireNames.TryParsePostmortemStep(text, out var step), step, WireNames.ChoicesOf<PostmortemStep>(), spec, option, text, out value, out error);

            default:
                throw new NotSupportedException($"Option kind {option.Kind}.");
        }
    }

    private static bool Choice<T>(bool ok, T parsed, IReadOnlyList<string> choices, CommandSpec spec, OptionSpec option, string text, out object? value, out CommandError? error)
        where T : struct
    {
        value = ok ? parsed : null;
        error = ok ? null : new CommandError(CommandErrorKind.InvalidChoice, spec, option.Name, Clip(text)) { Details = choices };
        return ok;
    }

    private static CommandError UnknownService(CommandSpec spec, OptionSpec option, string text, BoardState state) =>
        new(CommandErrorKind.UnknownService, spec, option.Name, Clip(text)) { Details = [.. state.OrderedServices.Select(s => s.Id)] };

    /// <summary>Echoed values are clipped, so an error about a 3,000-character word is not itself 3,000 characters.</summary>
    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";

    /// <summary>
    /// Control characters (terminal escapes, NUL) and the Unicode bidirectional overrides that can make text read
    /// backwards are refused everywhere; line breaks only in long free text.
    /// </summary>
    public static bool HasForbiddenCharacters(string text, bool allowNewLines)
    {
        foreach (var c in text)
        {
            if (c is '\n' && allowNewLines)
            {
                continue;
            }

            if (char.IsControl(c) || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069')
            {
                return true;
            }
        }

        return false;
    }
}
