using StatusBot.Core.Commands;
using StatusBot.Core.Domain;
using StatusBot.Core.Text;
using StatusBot.Discord.Interactions;
using StatusBot.Discord.Wire;

namespace StatusBot.Discord.Registration;

/// <summary>
/// The slash commands, generated from the catalog: one top-level command per group with its commands as subcommands,
/// the others top-level; typed options, choices, autocomplete, limits, French localizations, and
/// <c>default_member_permissions</c> on commands only admins may run.
/// </summary>
internal static class CommandDefinitions
{
    /// <summary>MANAGE_GUILD: members with it (and administrators) see admin commands; StatusBot still checks on every call.</summary>
    public const string AdminPermissions = "32";

    public const int MaxDescription = 100;

    private static readonly Localizer English = Localizer.For(Locales.English);
    private static readonly Localizer French = Localizer.For(Locales.French);

    public static List<ApplicationCommand> Build() => [.. DiscordCommandMap.TopLevelNames.Select(Top)];

    private static ApplicationCommand Top(string name)
    {
        if (Catalog.Find(name) is { Group: null } spec)
        {
            return new ApplicationCommand
            {
                Name = name,
                Description = Clip(English[spec.HelpKey]),
                NameLocalizations = Localized(name),
                DescriptionLocalizations = new() { ["fr"] = Clip(French[spec.HelpKey]) },
                Options = NullIfEmpty(spec.Options.OrderByDescending(o => o.Required).Select(Option)),
                DefaultMemberPermissions = spec.Permission == Permission.Admin ? AdminPermissions : null,
                Contexts = [0, 1],
            };
        }

        var members = Catalog.InGroup(name).ToList();
        return new ApplicationCommand
        {
            Name = name,
            Description = Clip(English.Format(nameof(Strings.Help_GroupTitle), name)),
            NameLocalizations = Localized(name),
            DescriptionLocalizations = new() { ["fr"] = Clip(French.Format(nameof(Strings.Help_GroupTitle), name)) },
            Options = [.. members.Select(Subcommand)],

            // Discord sets permissions per top-level command: a group is hidden only when every command in it is for admins.
            DefaultMemberPermissions = members.All(c => c.Permission == Permission.Admin) ? AdminPermissions : null,
            Contexts = [0, 1],
        };
    }

    private static CommandOption Subcommand(CommandSpec spec) => new()
    {
        Type = CommandOption.SubCommand,
        Name = spec.Leaf,
        Description = Clip(English[spec.HelpKey] + (spec.Permission == Permission.Admin ? " " + English[nameof(Strings.Help_AdminOnly)] : "")),
        NameLocalizations = Localized(spec.Leaf),
        DescriptionLocalizations = new()
        {
            ["fr"] = Clip(French[spec.HelpKey] + (spec.Permission == Permission.Admin ? " " + French[nameof(Strings.Help_AdminOnly)] : "")),
        },
        Options = NullIfEmpty(spec.Options.OrderByDescending(o => o.Required).Select(Option)),
    };

    private static CommandOption Option(OptionSpec option)
    {
        var choices = Choices(option.Kind);
        return new CommandOption
        {
            Type = option.Kind == OptionKind.Integer ? CommandOption.Integer : CommandOption.String,
            Name = option.Name,
            Description = Clip(English[option.DescriptionKey]),
            NameLocalizations = Localized(option.Name),
            DescriptionLocalizations = new() { ["fr"] = Clip(French[option.DescriptionKey]) },
            Required = option.Required ? true : null,
            Choices = choices,
            Autocomplete = option.Kind is OptionKind.Service or OptionKind.Services or OptionKind.IncidentId or OptionKind.Upstream ? true : null,
            MinValue = option.Kind == OptionKind.Integer ? option.Min : null,
            MaxValue = option.Kind == OptionKind.Integer ? option.Max : null,
            MaxLength = option.Kind == OptionKind.Text ? Math.Min(option.MaxLength, 6000) : null,
        };
    }

    private static List<CommandChoice>? Choices(OptionKind kind) => kind switch
    {
        OptionKind.ServiceStatus => [.. WireNames.ServiceStatusChoices.Select(v => Choice(v, l => WireNames.TryParseServiceStatus(v, out var s) ? l.Status(s) : v))],
        OptionKind.IncidentStatus => [.. WireNames.ChoicesOf<IncidentStatus>().Select(v => Choice(v, l => WireNames.TryParseIncidentStatus(v, out var s) ? l.Status(s) : v))],
        OptionKind.Impact => [.. WireNames.ChoicesOf<Impact>().Select(v => Choice(v, l => WireNames.TryParseImpact(v, out var i) ? l.Impact(i) : v))],
        OptionKind.Confidence => [.. WireNames.ChoicesOf<CauseConfidence>().Select(v => Choice(v, l => WireNames.TryParseConfidence(v, out var c) ? l.Confidence(c) : v))],
        _ => null,
    };

    private static CommandChoice Choice(string value, Func<Localizer, string> label) =>
        new(Clip(label(English)), value) { NameLocalizations = new() { ["fr"] = Clip(label(French)) } };

    private static Dictionary<string, string>? Localized(string name) =>
        FrenchNames.Has(name) && FrenchNames.Of(name) != name ? new() { ["fr"] = FrenchNames.Of(name) } : null;

    private static List<T>? NullIfEmpty<T>(IEnumerable<T> items) => items.ToList() is { Count: > 0 } list ? list : null;

    private static string Clip(string text) =>
        text.Length <= MaxDescription ? text : string.Concat(text.AsSpan(0, MaxDescription - 1), "…");
}
