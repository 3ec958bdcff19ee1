using StatusBot.Core.Commands;
using StatusBot.Core.Domain;
using StatusBot.Core.Text;
using StatusBot.Discord.Interactions;
using StatusBot.Discord.Wire;

namespace StatusBot.Discord.Registration;

/// <summary>
/// The slash commands, generated from the catalog: one top-level command per group with its commands as subcommands,
/// the others top-level; typed options, choices, autocomplete, limits, localizations in every language StatusBot speaks, and
/// <c>default_member_permissions</c> on commands only admins may run.
/// </summary>
internal static class CommandDefinitions
{
    /// <summary>MANAGE_GUILD: members with it (and administrators) see admin commands; StatusBot still checks on every call.</summary>
    public const string AdminPermissions = "32";

    public const int MaxDescription = 100;

    private static readonly Localizer English = Localizer.For(Locales.English);

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
                DescriptionLocalizations = Descriptions(l => l[spec.HelpKey]),
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
            DescriptionLocalizations = Descriptions(l => l.Format(nameof(Strings.Help_GroupTitle), name)),
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
        DescriptionLocalizations = Descriptions(l => l[spec.HelpKey] + (spec.Permission == Permission.Admin ? " " + l[nameof(Strings.Help_AdminOnly)] : "")),
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
            DescriptionLocalizations = Descriptions(l => l[option.DescriptionKey]),
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
        OptionKind.PostmortemStep => [.. WireNames.ChoicesOf<PostmortemStep>().Select(v => Choice(v, l => WireNames.TryParsePostmortemStep(v, out var s) ? l["Postmortem_Step" + s] : v))],
        _ => null,
    };

    private static CommandChoice Choice(string value, Func<Localizer, string> label) =>
        new(Clip(label(English)), value) { NameLocalizations = Descriptions(label) };

    /// <summary>A text in every language but English, keyed by Discord locale ("fr", "de", "es-ES", "pt-BR", "ja").</summary>
    private static Dictionary<string, string> Descriptions(Func<Localizer, string> text) =>
        CommandNames.Locales.ToDictionary(l => l.Discord, l => Clip(text(Localizer.For(l.Culture))), StringComparer.Ordinal);

    private static Dictionary<string, string>? Localized(string name) => CommandNames.Of(name);

    private static List<T>? NullIfEmpty<T>(IEnumerable<T> items) => items.ToList() is { Count: > 0 } list ? list : null;

    private static string Clip(string text) =>
        text.Length <= MaxDescription ? text : string.Concat(text.AsSpan(0, MaxDescription - 1), "…");
}
