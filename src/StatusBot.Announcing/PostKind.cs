namespace StatusBot.Announcing;

/// <summary>
/// The posts a template writes, each configurable per language under <c>StatusBot:Announcements:Templates:&lt;Kind&gt;:&lt;lang&gt;</c>.
/// </summary>
public enum PostKind
{
    /// <summary>The incident's card: posted when it opens, edited in place as it moves (the title line stays "INC-1 · title").</summary>
    Opened,

    /// <summary>Each timeline entry written by a person or by the checks, as a reply in the card's thread.</summary>
    Updated,

    /// <summary>The holding update's sentence, posted when an update falls due with no word (alias: <c>Apology</c>).</summary>
    Holding,

    /// <summary>A timeline entry that reports what an upstream provider said.</summary>
    Upstream,

    /// <summary>The resolution: duration, services, who, how many, why, the last word and the apology.</summary>
    Resolved,

    /// <summary>Maintenance announced the day before (first line is the title).</summary>
    MaintenanceScheduled,

    /// <summary>Maintenance starting in 10 minutes.</summary>
    MaintenanceStarting,

    /// <summary>Maintenance in progress.</summary>
    MaintenanceStarted,

    /// <summary>Maintenance finished.</summary>
    MaintenanceCompleted,

    /// <summary>Maintenance cancelled.</summary>
    MaintenanceCancelled,

    /// <summary>Admin notice: a channel refused a post and was disabled (first line is the title).</summary>
    AdminChannelGone,

    /// <summary>Admin notice: an upstream still reports no problem while the services keep failing.</summary>
    AdminUpstreamSilent,

    /// <summary>The postmortem, once published (and once more each time it is published again), as a reply in the incident's thread.</summary>
    Postmortem,

    /// <summary>Admin notice: many more people than usual asked about a service with no open incident (first line is the title).</summary>
    AdminCrowd,

    /// <summary>Admin notice: a webhook endpoint failed every delivery for a day and was disabled (first line is the title).</summary>
    AdminWebhookDisabled,

    /// <summary>A public timeline's first post about an incident (X, Mastodon, Bluesky): short, the link is added after it.</summary>
    PublicOpened,

    /// <summary>A public reply in the incident's thread for a person's or the checks' update.</summary>
    PublicUpdated,

    /// <summary>A public reply when a holding update falls due.</summary>
    PublicHolding,

    /// <summary>The public reply that says the incident is resolved.</summary>
    PublicResolved,
}
