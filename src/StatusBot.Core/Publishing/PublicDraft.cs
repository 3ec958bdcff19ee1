using StatusBot.Core.Domain;

namespace StatusBot.Core.Publishing;

/// <summary>
/// A post meant for a public timeline (<see cref="Publisher"/>, on <see cref="Platform"/> <c>x</c>, <c>mastodon</c> or
/// <c>bluesky</c>) about one incident, covering its timeline up to <see cref="Version"/>. <see cref="Body"/> is the text an
/// admin approves (it may edit it); <see cref="Link"/> (the incident's page) always ends the post. Drafts of one
/// publisher and incident form one thread, in the order of <see cref="Number"/>.
/// </summary>
public sealed record PublicDraft(
    string Id,
    long Number,
    string Publisher,
    string Platform,
    string IncidentId,
    int Version,
    PublicPostKind Kind,
    string Body,
    string Link,
    DateTimeOffset WrittenAt,
    PublicDraftStatus Status,
    Actor? DecidedBy = null,
    DateTimeOffset? DecidedAt = null)
{
    /// <summary>The thread this draft belongs to: one per publisher and incident.</summary>
    public string ThreadKey => PublicSubjects.Thread(Publisher, IncidentId);

    public bool IsDecided => Status != PublicDraftStatus.Pending;
}
