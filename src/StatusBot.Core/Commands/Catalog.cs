using System.Collections.Immutable;
using StatusBot.Core.Domain;

namespace StatusBot.Core.Commands;

/// <summary>Every command the bot knows, declared once. Order here is the order of <c>help</c>.</summary>
public static class Catalog
{
    private static readonly OptionSpec OptionalService = new("service", OptionKind.Service);
    private static readonly OptionSpec IncidentIdOption = new("id", OptionKind.IncidentId, Required: true);
    private static readonly OptionSpec OptionalMessage = new("message", OptionKind.Text) { MaxLength = 2000 };
    private static readonly OptionSpec DraftOption = new("draft", OptionKind.Text, Required: true) { MaxLength = 24 };

    public static CommandSpec Status { get; } = Read("status", "Status", OptionalService);

    public static CommandSpec Why { get; } = Read("why", "Why", OptionalService);

    public static CommandSpec History { get; } = Read("history", "History", new OptionSpec("days", OptionKind.Integer) { Max = 365 });

    public static CommandSpec Uptime { get; } = Read("uptime", "Uptime", OptionalService, new OptionSpec("days", OptionKind.Integer) { Max = 90 });

    public static CommandSpec Follow { get; } = Personal(
        "follow", "Follow", OptionalService, new OptionSpec("resolved", OptionKind.Text) { MaxLength = 20 });

    public static CommandSpec Unfollow { get; } = Personal("unfollow", "Unfollow", OptionalService);

    public static CommandSpec Following { get; } = Read("following", "Following");

    public static CommandSpec IncidentList { get; } = Read("incident list", "IncidentList");

    public static CommandSpec IncidentShow { get; } = Read("incident show", "IncidentShow", IncidentIdOption);

    public static CommandSpec IncidentOpen { get; } = Write(
        "incident open",
        "IncidentOpen",
        new OptionSpec("services", OptionKind.Services, Required: true),
        new OptionSpec("impact", OptionKind.Impact, Required: true),
        new OptionSpec("title", OptionKind.Text, Required: true) { MaxLength = 200 },
        new OptionSpec("cause", OptionKind.Text, NamedOnly: true) { MaxLength = 500 },
        new OptionSpec("segments", OptionKind.Text, NamedOnly: true) { MaxLength = 300 },
        new OptionSpec("users", OptionKind.Integer, NamedOnly: true) { Min = 0, Max = 10_000_000_000 });

    public static CommandSpec IncidentUpdate { get; } = Write(
        "incident update",
        "IncidentUpdate",
        IncidentIdOption,
        new OptionSpec("status", OptionKind.IncidentStatus, Required: true),
        new OptionSpec("message", OptionKind.Text, Required: true) { MaxLength = 2000 },
        new OptionSpec("segments", OptionKind.Text, NamedOnly: true) { MaxLength = 300 },
        new OptionSpec("users", OptionKind.Integer, NamedOnly: true) { Min = 0, Max = 10_000_000_000 });

    public static CommandSpec IncidentCause { get; } = Write(
        "incident cause",
        "IncidentCause",
        IncidentIdOption,
        new OptionSpec("confidence", OptionKind.Confidence, Required: true),
        new OptionSpec("text", OptionKind.Text, Required: true) { MaxLength = 500 },
        new OptionSpec("upstream", OptionKind.Upstream, NamedOnly: true));

    public static CommandSpec IncidentResolve { get; } = Write("incident resolve", "IncidentResolve", IncidentIdOption, OptionalMessage);

    public static CommandSpec IncidentApologize { get; } = Write("incident apologize", "IncidentApologize", IncidentIdOption, OptionalMessage);

    public static CommandSpec IncidentPostmortem { get; } = Write(
        "incident postmortem",
        "IncidentPostmortem",
        IncidentIdOption,
        new OptionSpec("step", OptionKind.PostmortemStep),
        new OptionSpec("body", OptionKind.Text) { MaxLength = Postmortem.MaxLength, KeepsLineBreaks = true });

    public static CommandSpec ServiceSet { get; } = Write(
        "service set",
        "ServiceSet",
        new OptionSpec("service", OptionKind.Service, Required: true),
        new OptionSpec("status", OptionKind.ServiceStatus, Required: true),
        new OptionSpec("note", OptionKind.Text) { MaxLength = 500 });

    public static CommandSpec ChannelSubscribe { get; } = Write("channel subscribe", "ChannelSubscribe", new OptionSpec("services", OptionKind.Services));

    public static CommandSpec ChannelUnsubscribe { get; } = Write("channel unsubscribe", "ChannelUnsubscribe");

    public static CommandSpec ChannelLocale { get; } = Write("channel locale", "ChannelLocale", new OptionSpec("locale", OptionKind.Text, Required: true) { MaxLength = 10 });

    public static CommandSpec MaintenanceSchedule { get; } = Write(
        "maintenance schedule",
        "MaintenanceSchedule",
        new OptionSpec("services", OptionKind.Services, Required: true),
        new OptionSpec("start", OptionKind.Text, Required: true) { MaxLength = 40 },
        new OptionSpec("duration", OptionKind.Text, Required: true) { MaxLength = 20 },
        new OptionSpec("title", OptionKind.Text, Required: true) { MaxLength = 200 });

    public static CommandSpec PublishApprove { get; } = Write("publish approve", "PublishApprove", DraftOption, new OptionSpec("scope", OptionKind.Text) { MaxLength = 20 });

    public static CommandSpec PublishSkip { get; } = Write("publish skip", "PublishSkip", DraftOption);

    public static CommandSpec PublishEdit { get; } = Write("publish edit", "PublishEdit", DraftOption, new OptionSpec("text", OptionKind.Text) { MaxLength = 1000 });

    public static CommandSpec MaintenanceList { get; } = Read("maintenance list", "MaintenanceList");

    public static CommandSpec MaintenanceCancel { get; } = Write(
        "maintenance cancel",
        "MaintenanceCancel",
        new OptionSpec("maintenance", OptionKind.Text, Required: true) { MaxLength = 20 });

    public static CommandSpec Help { get; } = Read("help", "Help", new OptionSpec("command", OptionKind.Text) { MaxLength = 60 });

    public static ImmutableArray<CommandSpec> All { get; } =
    [
        Status, Why, History, Uptime,
        Follow, Unfollow, Following,
        IncidentList, IncidentShow, IncidentOpen, IncidentUpdate, IncidentCause, IncidentResolve, IncidentApologize, IncidentPostmortem,
        ServiceSet,
        ChannelSubscribe, ChannelUnsubscribe, ChannelLocale,
        MaintenanceSchedule, MaintenanceList, MaintenanceCancel,
        PublishApprove, PublishSkip, PublishEdit,
        Help,
    ];

    /// <summary>First words that name a group of commands (<c>incident</c>, <c>service</c>).</summary>
    public static ImmutableArray<string> Groups { get; } = [.. All.Select(c => c.Group).OfType<string>().Distinct()];

    public static CommandSpec? Find(string name) => All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    public static IEnumerable<CommandSpec> InGroup(string group) =>
        All.Where(c => string.Equals(c.Group, group, StringComparison.OrdinalIgnoreCase));

    private static CommandSpec Read(string name, string key, params OptionSpec[] options) => new(name, key, Permission.Anyone, [.. options]);

    /// <summary>A change anyone may make that concerns only themselves (what they follow).</summary>
    private static CommandSpec Personal(string name, string key, params OptionSpec[] options) =>
        new(name, key, Permission.Anyone, [.. options]) { Mutates = true };

    private static CommandSpec Write(string name, string key, params OptionSpec[] options) =>
        new(name, key, Permission.Admin, [.. options]) { Mutates = true };
}
