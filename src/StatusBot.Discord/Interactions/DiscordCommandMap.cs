using StatusBot.Core.Commands;

namespace StatusBot.Discord.Interactions;

/// <summary>
/// How catalog commands appear on Discord: a grouped command (<c>incident open</c>) is a subcommand of one top-level
/// command per group (<c>/incident open</c>); the others are top-level commands (<c>/status</c>).
/// </summary>
internal static class DiscordCommandMap
{
    /// <summary>The top-level command names, in catalog order.</summary>
    public static IReadOnlyList<string> TopLevelNames { get; } = [.. Catalog.All.Select(c => c.Group ?? c.Name).Distinct()];

    public static CommandSpec? Find(Invocation invocation) =>
        invocation.Words.Count switch
        {
            1 => Catalog.Find(invocation.Words[0]) is { Group: null } spec ? spec : null,
            2 => Catalog.Find(invocation.Name) is { Group: not null } spec ? spec : null,
            _ => null,
        };

    /// <summary>The answer when nothing in the catalog matches: the usage of the group, or the unknown command.</summary>
    public static CommandError NotFound(Invocation invocation)
    {
        var first = invocation.Words[0];
        if (invocation.Words.Count == 1 && Catalog.Groups.Contains(first, StringComparer.OrdinalIgnoreCase))
        {
            return new CommandError(CommandErrorKind.MissingSubcommand, Value: first)
            {
                Details = [.. Catalog.InGroup(first).Select(c => "/" + c.Usage)],
            };
        }

        return new CommandError(CommandErrorKind.UnknownCommand, Value: "/" + invocation.Name);
    }
}
