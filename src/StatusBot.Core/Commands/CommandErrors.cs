using StatusBot.Core.Replies;
using StatusBot.Core.Text;

namespace StatusBot.Core.Commands;

/// <summary>Turns a <see cref="CommandError"/> into a short answer with the usage line: never a stack trace.</summary>
public static class CommandErrors
{
    public static Reply ToReply(CommandError error, Localizer l)
    {
        var details = string.Join(", ", error.Details);
        var option = error.Option ?? "";

        // The echoed word is clipped, so a 3,000-character word does not come back as a 3,000-character error.
        var value = error.Value is { Length: > 40 } longValue ? longValue[..40] + "…" : error.Value;
        var title = error.Kind switch
        {
            CommandErrorKind.Empty => l[nameof(Strings.Error_Empty)],
            CommandErrorKind.UnknownCommand or CommandErrorKind.UnknownSubcommand when error.Suggestion is { } guess =>
                l.Format(nameof(Strings.Error_UnknownCommandSuggest), value, guess),
            CommandErrorKind.UnknownCommand => l.Format(nameof(Strings.Error_UnknownCommand), value),
            CommandErrorKind.UnknownSubcommand => l.Format(nameof(Strings.Error_UnknownSubcommand), value, value?.Split(' ')[0]),
            CommandErrorKind.MissingSubcommand => l.Format(nameof(Strings.Error_MissingSubcommand), value),
            CommandErrorKind.UnclosedQuote => l[nameof(Strings.Error_UnclosedQuote)],
            CommandErrorKind.MissingOption => l.Format(nameof(Strings.Error_MissingOption), option),
            CommandErrorKind.UnexpectedArgument => l.Format(nameof(Strings.Error_Unexpected), value ?? option),
            CommandErrorKind.InvalidChoice => l.Format(nameof(Strings.Error_InvalidChoice), value, option, details),
            CommandErrorKind.UnknownService => l.Format(nameof(Strings.Error_UnknownService), value, details),
            CommandErrorKind.UnknownUpstream => l.Format(nameof(Strings.Error_UnknownUpstream), value, details),
            CommandErrorKind.InvalidIncidentId => l.Format(nameof(Strings.Error_InvalidIncidentId), value),
            CommandErrorKind.NotANumber => l.Format(nameof(Strings.Error_NotANumber), value, option),
            CommandErrorKind.OutOfRange => l.Format(nameof(Strings.Error_OutOfRange), option, error.Details[0], error.Details[1]),
            CommandErrorKind.TooLong => l.Format(nameof(Strings.Error_TooLong), option, error.Details[0], error.Details[1]),
            CommandErrorKind.ForbiddenCharacters => l.Format(nameof(Strings.Error_ForbiddenCharacters), option),
            _ => l[nameof(Strings.Error_Empty)],
        };

        var lines = new List<string>();
        if (error.Kind is CommandErrorKind.MissingSubcommand or CommandErrorKind.UnknownSubcommand)
        {
            lines.AddRange(error.Details);
        }
        else if (error.Spec is { } spec)
        {
            lines.Add(l.Format(nameof(Strings.Error_Usage), spec.Usage));
        }
        else
        {
            lines.Add(l[nameof(Strings.Error_TryHelp)]);
        }

        return Reply.Error(title, [.. lines]);
    }
}
