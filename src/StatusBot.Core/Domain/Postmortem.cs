namespace StatusBot.Core.Domain;

/// <summary>
/// An incident's postmortem: a Markdown text drafted from the timeline, edited by admins, and public once published.
/// Edits after publication show on the public pages at once; channels hear of it again only when it is published again.
/// </summary>
public sealed record Postmortem(string Body, Actor DraftedBy, DateTimeOffset DraftedAt)
{
    /// <summary>The longest text a postmortem may hold, in characters.</summary>
    public const int MaxLength = 20_000;

    /// <summary>Who changed the text last, and when (the drafter until someone edits it).</summary>
    public Actor? EditedBy { get; init; }

    public DateTimeOffset? EditedAt { get; init; }

    /// <summary>When it was first published; null while it is a draft.</summary>
    public DateTimeOffset? PublishedAt { get; init; }

    public Actor? PublishedBy { get; init; }

    /// <summary>When it was last published (the first publication, or a later one after edits).</summary>
    public DateTimeOffset? LastPublishedAt { get; init; }

    /// <summary>How many times it was published: each publication is one reply in the incident's thread.</summary>
    public int Publications { get; init; }

    public bool IsPublished => PublishedAt is not null;

    /// <summary>The last time the text changed.</summary>
    public DateTimeOffset UpdatedAt => EditedAt ?? DraftedAt;

    /// <summary>True when the text changed since it was last published (or it never was).</summary>
    public bool ChangedSincePublished { get; init; } = true;
}
