using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Core.Commands.Handlers;

/// <summary>Handles <c>help [command]</c>: every command with its usage, or one command with its options, from the catalog.</summary>
public sealed class HelpHandler : IQueryHandler
{
    public CommandSpec Spec => Catalog.Help;

    public Reply Answer(BoardState state, ChatCommand command)
    {
        var l = Localizer.For(command.Culture);
        var asked = command.Text("command")?.Trim().TrimStart('/').ToLowerInvariant();
        if (string.IsNullOrEmpty(asked))
        {
            return new Reply
            {
                Title = l[nameof(Strings.Help_Title)],
                Lines = [.. Catalog.All.Select(c => Summary(c, l))],
                Footer = l[nameof(Strings.Help_Footer)],
            };
        }

        var specs = Catalog.Find(asked) is { } one ? [one] : Catalog.InGroup(asked).ToList();
        if (specs.Count == 0)
        {
            return Reply.Error(l.Format(nameof(Strings.Error_UnknownCommand), asked), l[nameof(Strings.Error_TryHelp)]);
        }

        return new Reply
        {
            Title = specs.Count == 1 ? specs[0].Usage : l.Format(nameof(Strings.Help_GroupTitle), asked),
            Lines = [.. specs.SelectMany(s => Detail(s, l))],
            Footer = l[nameof(Strings.Help_Syntax)],
        };
    }

    /// <summary>"status [service] — Overview of all services, or one service (admin)".</summary>
    public static string Summary(CommandSpec spec, Localizer l)
    {
        var admin = spec.Permission == Permission.Admin ? " " + l[nameof(Strings.Help_AdminOnly)] : "";
        return $"{spec.Usage} — {l[spec.HelpKey]}{admin}";
    }

    private static IEnumerable<string> Detail(CommandSpec spec, Localizer l)
    {
        yield return Summary(spec, l);
        foreach (var option in spec.Options)
        {
            yield return $"    {option.UsageToken}: {l[option.DescriptionKey]}";
        }
    }
}
