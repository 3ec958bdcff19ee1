using System.Collections.Frozen;
using System.Globalization;
using Fluid;
using Fluid.Ast;
using Fluid.Values;
using StatusBot.Core.Text;

namespace StatusBot.Announcing;

/// <summary>
/// Every post as a Liquid template (Fluid), per kind and language. The built-in texts are the default templates, written
/// from the language's sentences; an admin's override replaces one kind in one language. Templates are parsed once; the
/// variables are plain values (text, numbers, times), so a template reaches no object of the bot. What a template writes
/// is plain text: each platform's renderer escapes it afterwards, so no template can ping or format beyond plain text.
/// </summary>
public sealed class PostTemplates
{
    private static readonly FluidParser Parser = new();

    private static readonly string[] IncidentVariables =
        ["id", "title", "services", "services_count", "status", "impact", "message", "segments", "users", "duration", "next", "next_in", "overdue", "started", "mitigated", "latest", "latest_when", "resolved", "cause", "confidence", "started_at", "next_at", "now"];

    private static readonly string[] MaintenanceVariables = ["id", "title", "window", "services", "start", "end", "start_at", "end_at", "now"];

    private static readonly FrozenDictionary<PostKind, string[]> Variables = new Dictionary<PostKind, string[]>
    {
        [PostKind.Opened] = IncidentVariables,
        [PostKind.Updated] = IncidentVariables,
        [PostKind.Holding] = IncidentVariables,
        [PostKind.Upstream] = IncidentVariables,
        [PostKind.Resolved] = IncidentVariables,
        [PostKind.MaintenanceScheduled] = MaintenanceVariables,
        [PostKind.MaintenanceStarting] = MaintenanceVariables,
        [PostKind.MaintenanceStarted] = MaintenanceVariables,
        [PostKind.MaintenanceCompleted] = MaintenanceVariables,
        [PostKind.MaintenanceCancelled] = MaintenanceVariables,
        [PostKind.AdminChannelGone] = ["channel", "reason", "now"],
        [PostKind.AdminUpstreamSilent] = ["id", "upstream", "services", "duration", "now"],
        [PostKind.Postmortem] = ["id", "title", "body", "published_at", "now"],
        [PostKind.AdminCrowd] = ["service", "askers", "usual", "window", "now"],
        [PostKind.AdminWebhookDisabled] = ["endpoint", "url", "reason", "now"],
        [PostKind.PublicOpened] = IncidentVariables,
        [PostKind.PublicUpdated] = IncidentVariables,
        [PostKind.PublicHolding] = IncidentVariables,
        [PostKind.PublicResolved] = IncidentVariables,
    }.ToFrozenDictionary();

    private static readonly TemplateOptions Options = new TemplateOptionsBuilder()
        .WithStrictFilters(true)
        .WithMaxSteps(100_000)
        .AddFilter("clock", (input, _, context) => ValueTask.FromResult<FluidValue>(StringValue.Create(
            Time(input, context) is { } at ? Reader(context).Clock(at, Now(context)) : input.ToStringValue(context))))
        .AddFilter("relative", (input, _, context) => ValueTask.FromResult<FluidValue>(StringValue.Create(
            Time(input, context) is { } at ? Reader(context).Relative(at, Now(context)) : input.ToStringValue(context))))
        .AddFilter("count", (input, _, context) => ValueTask.FromResult<FluidValue>(StringValue.Create(
            input is NumberValue ? Reader(context).Count((long)input.ToNumberValue(context)) : input.ToStringValue(context))))
        .Build();

    /// <summary>The built-in templates, parsed once per process.</summary>
    private static readonly Lazy<FrozenDictionary<(PostKind, string), IFluidTemplate>> Defaults = new(() =>
        Enum.GetValues<PostKind>()
            .SelectMany(kind => Locales.Supported.Select(language => (kind, language)))
            .ToFrozenDictionary(k => k, k => Parse(Default(k.kind, k.language), out _)!));

    private readonly Dictionary<(PostKind, string), IFluidTemplate> _overrides = [];

    /// <summary>The built-in templates plus the valid overrides of <paramref name="templates"/> (a broken one is refused at start, see <see cref="Errors"/>).</summary>
    public PostTemplates(AnnouncementTemplates? templates = null)
    {
        foreach (var (_, kind, language, text) in templates?.Overrides() ?? [])
        {
            if (Locales.Canonical(language) is { } code && Check(kind, text) is null)
            {
                _overrides[(kind, code)] = Parse(text, out _)!;
            }
        }
    }

    /// <summary>The variables a kind of post offers.</summary>
    public static IReadOnlyList<string> VariablesOf(PostKind kind) => Variables[kind];

    /// <summary>
    /// What is wrong with the configured templates, one sentence per broken one naming its key
    /// (<c>StatusBot:Announcements:Templates:Resolved:fr</c>): an unknown language, a syntax error, an unknown variable or filter.
    /// </summary>
    public static IEnumerable<string> Errors(AnnouncementTemplates templates)
    {
        foreach (var (key, kind, language, text) in templates.Overrides())
        {
            var name = $"{AnnouncementOptions.Section}:Templates:{key}";
            if (Locales.Canonical(language) is null)
            {
                yield return $"{name}: '{language}' is not a language; use one of {string.Join(", ", Locales.Supported)}.";
            }
            else if (Check(kind, text) is { } error)
            {
                yield return $"{name}: {error}";
            }
        }
    }

    /// <summary>The built-in template of a kind in a language, as <c>statusbot templates</c> prints it.</summary>
    public static string Default(PostKind kind, string language)
    {
        var l = Localizer.For(Locales.Resolve(language));
        return kind switch
        {
            PostKind.Opened =>
                Liquid(l, nameof(Strings.Incident_StateLine), "status", "impact", "services", "started") + "\n" +
                "{% if segments != \"\" %}" + Liquid(l, nameof(Strings.Incident_Segments), "segments") + "\n{% endif %}" +
                "{% if users != \"\" %}" + Liquid(l, nameof(Strings.Incident_Users), "users") + "\n{% endif %}" +
                "{{ cause }}\n" +
                "{% if mitigated != \"\" %}" + Liquid(l, nameof(Strings.Incident_Mitigated), "mitigated") + "\n{% endif %}" +
                "{% if latest != \"\" %}" + Liquid(l, nameof(Strings.Incident_Latest), "latest", "latest_when") + "\n{% endif %}" +
                "{% if resolved != \"\" %}" + Liquid(l, nameof(Strings.Incident_ResolvedAfter), "resolved", "duration") +
                "{% elsif overdue %}" + Liquid(l, nameof(Strings.Incident_UpdateOverdue), "next") +
                "{% elsif next != \"\" %}" + Liquid(l, nameof(Strings.Incident_NextUpdate), "next", "next_in") + "{% endif %}",
            PostKind.Updated or PostKind.Upstream => Liquid(l, nameof(Strings.Announce_Update), "status", "message"),
            PostKind.Holding =>
                "{% if services_count > 1 %}" + Holding(l, nameof(Strings.Apology_TemplateMany)) +
                "{% else %}" + Holding(l, nameof(Strings.Apology_Template)) + "{% endif %}",
            PostKind.Resolved =>
                Liquid(l, nameof(Strings.Announce_Resolved), "duration", "services") + "\n" +
                "{% if segments != \"\" %}" + Liquid(l, nameof(Strings.Announce_ResolvedSegments), "segments") + "\n{% endif %}" +
                "{% if users != \"\" %}" + Liquid(l, nameof(Strings.Announce_ResolvedUsers), "users") + "\n{% endif %}" +
                "{{ cause }}\n" +
                "{% if message != \"\" %}{{ message }}\n{% endif %}" +
                l[nameof(Strings.Announce_Apology)],
            PostKind.MaintenanceScheduled => Maintenance(l, nameof(Strings.Maintenance_Soon24h)),
            PostKind.MaintenanceStarting => Maintenance(l, nameof(Strings.Maintenance_Soon10m)),
            PostKind.MaintenanceStarted => Maintenance(l, nameof(Strings.Maintenance_Started)),
            PostKind.MaintenanceCompleted => Maintenance(l, nameof(Strings.Maintenance_Ended)),
            PostKind.MaintenanceCancelled => Maintenance(l, nameof(Strings.Maintenance_CancelledPost)),
            PostKind.AdminChannelGone =>
                l[nameof(Strings.Announce_ChannelGoneTitle)] + "\n" +
                Liquid(l, nameof(Strings.Announce_ChannelGone), "channel", "reason") + "\n" +
                l[nameof(Strings.Announce_ChannelGoneFix)],
            PostKind.Postmortem => Liquid(l, nameof(Strings.Postmortem_Post), "id") + "\n{{ body }}",
            PostKind.AdminCrowd =>
                Liquid(l, nameof(Strings.Crowd_NoticeTitle), "askers | count", "service", "window") + "\n" +
                Liquid(l, nameof(Strings.Crowd_NoticeBody), "usual | count"),
            PostKind.AdminWebhookDisabled =>
                l[nameof(Strings.Webhook_DisabledTitle)] + "\n" +
                Liquid(l, nameof(Strings.Webhook_Disabled), "endpoint", "url", "reason") + "\n" +
                l[nameof(Strings.Webhook_DisabledFix)],
            PostKind.PublicOpened => Liquid(l, nameof(Strings.Public_Opened), "services", "title"),
            PostKind.PublicUpdated => Liquid(l, nameof(Strings.Public_Updated), "services", "status", "message"),
            PostKind.PublicHolding => Liquid(l, nameof(Strings.Public_Holding), "services", "next"),
            PostKind.PublicResolved => Liquid(l, nameof(Strings.Public_Resolved), "services", "duration"),
            _ =>
                Liquid(l, nameof(Strings.Announce_UpstreamSilentTitle), "upstream") + "\n" +
                Liquid(l, nameof(Strings.Announce_UpstreamSilent), "id", "services", "duration", "upstream"),
        };
    }

    /// <summary>
    /// Renders a kind of post in the reader's language: the override for that language, else the built-in text (also when
    /// the override fails at render time, for example by running past its step limit, so the post still goes out).
    /// </summary>
    public string Render(PostKind kind, Localizer l, DateTimeOffset now, IReadOnlyDictionary<string, object?> values)
    {
        var language = Locales.Code(l.Culture);
        if (_overrides.TryGetValue((kind, language), out var custom))
        {
            try
            {
                return Render(custom, l, now, values);
            }
            catch (Exception ex) when (ex is InvalidOperationException or FluidException)
            {
                // Falls through to the built-in text.
            }
        }

        return Render(Defaults.Value[(kind, language)], l, now, values);
    }

    private static string Render(IFluidTemplate template, Localizer l, DateTimeOffset now, IReadOnlyDictionary<string, object?> values)
    {
        var context = new TemplateContext(Options);
        context.AmbientValues["localizer"] = l;
        context.AmbientValues["now"] = now;
        context.SetValue("now", FluidValue.Create(now, Options));
        foreach (var (name, value) in values)
        {
            context.SetValue(name, value switch
            {
                null => NilValue.Instance,
                string s => StringValue.Create(s),
                bool b => b ? BooleanValue.True : BooleanValue.False,
                int n => NumberValue.Create(n),
                long n => NumberValue.Create(n),
                DateTimeOffset at => FluidValue.Create(at, Options),
                _ => StringValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
            });
        }

        return template.Render(context, NullEncoder.Default);
    }

    /// <summary>Renders and cuts the text into lines (a trailing line break is dropped).</summary>
    public IReadOnlyList<string> Lines(PostKind kind, Localizer l, DateTimeOffset now, IReadOnlyDictionary<string, object?> values) =>
        Render(kind, l, now, values).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');

    /// <summary>The apology sentence; " for Android users" only when segments are known.</summary>
    private static string Holding(Localizer l, string key) =>
        Liquid(l, key, "services", "status", "who", "duration", "next").Replace(
            "{{ who }}", "{% if segments != \"\" %}" + Liquid(l, nameof(Strings.Apology_For), "segments") + "{% endif %}", StringComparison.Ordinal);

    private static string Maintenance(Localizer l, string titleKey) =>
        Liquid(l, titleKey, "title") + "\n{{ window }}\n" + Liquid(l, nameof(Strings.Maintenance_Services), "services");

    /// <summary>A sentence with its <c>{0}</c>, <c>{1}</c>… written as Liquid variables.</summary>
    private static string Liquid(Localizer l, string key, params string[] names)
    {
        var text = l[key];
        for (var i = 0; i < names.Length; i++)
        {
            text = text.Replace("{" + i.ToString(CultureInfo.InvariantCulture) + "}", "{{ " + names[i] + " }}", StringComparison.Ordinal);
        }

        return text;
    }

    private static IFluidTemplate? Parse(string text, out string? error)
    {
        if (Parser.TryParse(text, out var template, out var message))
        {
            error = null;
            return template;
        }

        error = message;
        return null;
    }

    /// <summary>Null for a usable template, else the sentence saying what is wrong.</summary>
    private static string? Check(PostKind kind, string text)
    {
        if (Parse(text, out var error) is not { } template)
        {
            return "the template does not parse: " + error;
        }

        var known = Variables[kind].ToHashSet(StringComparer.Ordinal);
        var unknown = new VariableCollector().Unknown(template, known);
        if (unknown.Count > 0)
        {
            return $"unknown variable{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(u => "'" + u + "'"))}; {kind} templates may use {string.Join(", ", Variables[kind])}.";
        }

        // Unknown filters only show when rendered: render once with sample values.
        try
        {
            var sample = Variables[kind].ToDictionary(v => v, v => (object?)(v.EndsWith("_at", StringComparison.Ordinal) ? DateTimeOffset.UnixEpoch : v.EndsWith("_count", StringComparison.Ordinal) ? 1 : v == "overdue" ? false : v));
            var context = new TemplateContext(Options);
            context.AmbientValues["localizer"] = Localizer.For(Locales.English);
            context.AmbientValues["now"] = DateTimeOffset.UnixEpoch;
            foreach (var (name, value) in sample)
            {
                context.SetValue(name, value is DateTimeOffset at ? FluidValue.Create(at, Options) : value is int n ? NumberValue.Create(n) : value is bool b ? (b ? BooleanValue.True : BooleanValue.False) : StringValue.Create((string)value!));
            }

            _ = template.Render(context, NullEncoder.Default);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FluidException)
        {
            return "the template cannot be rendered: " + ex.Message;
        }

        return null;
    }

    private static DateTimeOffset? Time(FluidValue input, TemplateContext context) => input.ToObjectValue(context) switch
    {
        DateTimeOffset at => at,
        DateTime at => new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)),
        _ => null,
    };

    private static Localizer Reader(TemplateContext context) => (Localizer)context.AmbientValues["localizer"];

    private static DateTimeOffset Now(TemplateContext context) => (DateTimeOffset)context.AmbientValues["now"];

    /// <summary>The variables a template reads that are neither offered nor defined by the template itself.</summary>
    private sealed class VariableCollector : AstVisitor
    {
        private readonly HashSet<string> _read = new(StringComparer.Ordinal);
        private readonly HashSet<string> _defined = new(StringComparer.Ordinal) { "forloop", "empty", "blank", "true", "false", "nil", "null" };

        public IReadOnlyList<string> Unknown(IFluidTemplate template, HashSet<string> known)
        {
            VisitTemplate(template);
            return [.. _read.Where(r => !known.Contains(r) && !_defined.Contains(r)).Order(StringComparer.Ordinal)];
        }

        protected override Expression VisitMemberExpression(MemberExpression memberExpression)
        {
            if (memberExpression.Segments.Count > 0 && memberExpression.Segments[0] is IdentifierSegment first)
            {
                _read.Add(first.Identifier);
            }

            return base.VisitMemberExpression(memberExpression);
        }

        protected override Statement VisitAssignStatement(AssignStatement assignStatement)
        {
            _defined.Add(assignStatement.Identifier);
            return base.VisitAssignStatement(assignStatement);
        }

        protected override Statement VisitCaptureStatement(CaptureStatement captureStatement)
        {
            _defined.Add(captureStatement.Identifier);
            return base.VisitCaptureStatement(captureStatement);
        }

        protected override Statement VisitForStatement(ForStatement forStatement)
        {
            _defined.Add(forStatement.Identifier);
            return base.VisitForStatement(forStatement);
        }
    }
}
