using StatusBot.Core.Domain;
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
            Lines = [.. specs.SelectMany(s => Detail(s, state, l))],
            Footer = l[nameof(Strings.Help_Syntax)],
        };
    }

    /// <summary>"status [service] — Overview of all services, or one service (admin)".</summary>
    public static string Summary(CommandSpec spec, Localizer l)
    {
        var admin = spec.Permission == Permission.Admin ? " " + l[nameof(Strings.Help_AdminOnly)] : "";
        return $"{spec.Usage} — {l[spec.HelpKey]}{admin}";
    }

    private static IEnumerable<string> Detail(CommandSpec spec, BoardState state, Localizer l)
    {
        yield return Summary(spec, l);
        foreach (var option in spec.Options)
        {
            var values = AllowedValues(option, state, l);
            var description = values.Count == 0
                ? l[option.DescriptionKey]
                : $"{l[option.DescriptionKey]} · {l.Format(nameof(Strings.Help_Values), string.Join(", ", values))}";
            yield return "    " + l.Format(nameof(Strings.Help_Option), option.UsageToken, description);
        }
    }

    /// <summary>
    /// The words an option accepts, as the binder accepts them: each impact with the status it gives the services, each
    /// service status with its short forms, and the services and upstreams of this configuration.
    /// </summary>
    public static IReadOnlyList<string> AllowedValues(OptionSpec option, BoardState state, Localizer l) => option.Kind switch
    {
        OptionKind.Impact => [.. Enum.GetValues<Impact>().Select(i => $"{WireNames.Of(i)} ({l.InSentence(l.Status(i.ToServiceStatus()))})")],
        OptionKind.ServiceStatus => [.. WireNames.ServiceStatusChoices.Select(c => WithShortForms(c))],
        OptionKind.IncidentStatus => WireNames.ChoicesOf<IncidentStatus>(),
        OptionKind.Confidence => WireNames.ChoicesOf<CauseConfidence>(),
        OptionKind.PostmortemStep => WireNames.ChoicesOf<PostmortemStep>(),
        OptionKind.Service or OptionKind.Services => [.. state.OrderedServices.Select(s => s.Id)],
        OptionKind.Upstream => [.. state.Upstreams.Keys.Order(StringComparer.Ordinal)],
        _ => [],
    };

    private static string WithShortForms(string canonical)
    {
        // Every canonical name parses; an unknown one has no short forms anyway.
        _ = WireNames.TryParseServiceStatus(canonical, out var status);
        var shortForms = WireNames.ShortForms(status);
        return shortForms.Count == 0 ? canonical : $"{canonical} ({string.Join(", ", shortForms)})";
    }
}
