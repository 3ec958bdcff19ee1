using StatusBot.Core.Commands;
using StatusBot.Core.State;
using StatusBot.Discord.Wire;

namespace StatusBot.Discord.Interactions;

/// <summary>Suggestions while a user types: service names, open incident ids, upstream providers (at most 25).</summary>
internal static class Autocompleter
{
    private const int MaxChoices = 25;
    private const int MaxLength = 100;

    public static List<CommandChoice> Suggest(Invocation invocation, BoardState state)
    {
        if (invocation.Focused is not { } focused || DiscordCommandMap.Find(invocation)?.FindOption(focused) is not { } option)
        {
            return [];
        }

        var typed = invocation.Options.GetValueOrDefault(focused, "").Trim();
        return option.Kind switch
        {
            OptionKind.Service => Services(state, typed, prefix: ""),
            OptionKind.Services => ServicesList(state, typed),
            OptionKind.IncidentId => [.. state.OpenIncidents
                .Where(i => Matches(i.Id, typed) || Matches(i.Title, typed) || i.Number.ToString(System.Globalization.CultureInfo.InvariantCulture).StartsWith(typed.TrimStart('#'), StringComparison.Ordinal))
                .OrderByDescending(i => i.Number)
                .Take(MaxChoices)
                .Select(i => new CommandChoice(Clip($"{i.Id} · {i.Title}"), i.Id))],
            OptionKind.Upstream => [.. state.Upstreams.Values
                .Where(u => Matches(u.Id, typed) || Matches(u.Name, typed))
                .OrderBy(u => u.Id, StringComparer.Ordinal)
                .Take(MaxChoices)
                .Select(u => new CommandChoice(Clip(u.Name), u.Id))],
            _ => [],
        };
    }

    private static List<CommandChoice> Services(BoardState state, string typed, string prefix) =>
        [.. state.OrderedServices
            .Where(s => Matches(s.Id, typed) || Matches(s.Name, typed) || s.Definition.Aliases.Any(a => Matches(a, typed)))
            .Take(MaxChoices)
            .Select(s => new CommandChoice(Clip(prefix + s.Name), Clip(prefix + s.Id)))];

    /// <summary>"streaming, web" completes the last name and keeps the ones before it.</summary>
    private static List<CommandChoice> ServicesList(BoardState state, string typed)
    {
        var comma = typed.LastIndexOf(',');
        var done = comma < 0 ? "" : typed[..(comma + 1)].TrimEnd() + " ";
        var last = comma < 0 ? typed : typed[(comma + 1)..].Trim();
        return Services(state, last, done);
    }

    private static bool Matches(string candidate, string typed) =>
        typed.Length == 0 || candidate.Contains(typed, StringComparison.OrdinalIgnoreCase);

    private static string Clip(string text) => text.Length <= MaxLength ? text : text[..(MaxLength - 1)] + "…";
}
