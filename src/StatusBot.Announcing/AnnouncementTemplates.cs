namespace StatusBot.Announcing;

/// <summary>
/// Liquid templates admins may override, per kind of post and language (<c>Resolved:fr</c>, <c>Holding:en</c>); see
/// <see cref="PostTemplates"/> for the variables. <c>Apology</c> is the older name of <c>Holding</c>: its templates may
/// still use the <c>{services}</c>-style placeholders, read as the Liquid variables of the same names. Without an
/// override the built-in text of that language is used.
/// </summary>
public sealed class AnnouncementTemplates
{
    public Dictionary<string, string> Opened { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string> Updated { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string> Holding { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The holding update under its older name, with <c>{services}</c>, <c>{status}</c>… placeholders or Liquid.</summary>
    public Dictionary<string, string> Apology { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string> Upstream { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string> Resolved { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string> MaintenanceScheduled { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string> MaintenanceStarting { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string> MaintenanceStarted { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string> MaintenanceCompleted { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string> MaintenanceCancelled { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string> AdminChannelGone { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string> AdminUpstreamSilent { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string> Postmortem { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, string> AdminCrowd { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, string> AdminWebhookDisabled { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string> PublicOpened { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string> PublicUpdated { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string> PublicHolding { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string> PublicResolved { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every configured override: its configuration key (<c>Holding:fr</c>, <c>Apology:en</c>), kind, language and text.</summary>
    public IEnumerable<(string Key, PostKind Kind, string Language, string Text)> Overrides()
    {
        var sets = new (string Name, PostKind Kind, Dictionary<string, string> Map)[]
        {
            (nameof(Opened), PostKind.Opened, Opened),
            (nameof(Updated), PostKind.Updated, Updated),
            (nameof(Apology), PostKind.Holding, Apology),
            (nameof(Holding), PostKind.Holding, Holding),
            (nameof(Upstream), PostKind.Upstream, Upstream),
            (nameof(Resolved), PostKind.Resolved, Resolved),
            (nameof(MaintenanceScheduled), PostKind.MaintenanceScheduled, MaintenanceScheduled),
            (nameof(MaintenanceStarting), PostKind.MaintenanceStarting, MaintenanceStarting),
            (nameof(MaintenanceStarted), PostKind.MaintenanceStarted, MaintenanceStarted),
            (nameof(MaintenanceCompleted), PostKind.MaintenanceCompleted, MaintenanceCompleted),
            (nameof(MaintenanceCancelled), PostKind.MaintenanceCancelled, MaintenanceCancelled),
            (nameof(AdminChannelGone), PostKind.AdminChannelGone, AdminChannelGone),
            (nameof(AdminUpstreamSilent), PostKind.AdminUpstreamSilent, AdminUpstreamSilent),
            (nameof(Postmortem), PostKind.Postmortem, Postmortem),
            (nameof(AdminCrowd), PostKind.AdminCrowd, AdminCrowd),
            (nameof(AdminWebhookDisabled), PostKind.AdminWebhookDisabled, AdminWebhookDisabled),
            (nameof(PublicOpened), PostKind.PublicOpened, PublicOpened),
            (nameof(PublicUpdated), PostKind.PublicUpdated, PublicUpdated),
            (nameof(PublicHolding), PostKind.PublicHolding, PublicHolding),
            (nameof(PublicResolved), PostKind.PublicResolved, PublicResolved),
        };
        foreach (var (name, kind, map) in sets)
        {
            foreach (var (language, text) in map.OrderBy(x => x.Key, StringComparer.Ordinal))
            {
                if (!string.IsNullOrWhiteSpace(text))
                {
                    yield return ($"{name}:{language}", kind, language, name == nameof(Apology) ? FromPlaceholders(text) : text);
                }
            }
        }
    }

    /// <summary>"{services} is down" → "{{ services }} is down", for templates written before Liquid; Liquid passes unchanged.</summary>
    internal static string FromPlaceholders(string text) =>
        text.Contains("{{", StringComparison.Ordinal) || text.Contains("{%", StringComparison.Ordinal)
            ? text
            : System.Text.RegularExpressions.Regex.Replace(
                text,
                @"\{(services|status|segments|duration|next|title|id)\}",
                "{{ $1 }}",
                System.Text.RegularExpressions.RegexOptions.None,
                TimeSpan.FromSeconds(1));
}
