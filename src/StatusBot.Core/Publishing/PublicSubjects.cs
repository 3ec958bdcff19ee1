using System.Globalization;

namespace StatusBot.Core.Publishing;

/// <summary>
/// Names used by public posts in the outbox: <c>pub:&lt;draft&gt;</c> is the post of an approved draft to its publisher's
/// timeline; <c>draft:&lt;draft&gt;</c> is the admin notice that shows a draft with its buttons. Draft ids are
/// <c>PUB-&lt;n&gt;</c>, short enough to type.
/// </summary>
public static class PublicSubjects
{
    public const string PostPrefix = "pub:";

    public const string NoticePrefix = "draft:";

    public const string IdPrefix = "PUB-";

    public static string DraftId(long number) => IdPrefix + number.ToString(CultureInfo.InvariantCulture);

    public static string Post(string draftId) => PostPrefix + draftId;

    public static string Notice(string draftId) => NoticePrefix + draftId;

    /// <summary>The draft a <c>pub:</c> subject posts, or null for any other subject.</summary>
    public static string? PostOf(string subject) => subject.StartsWith(PostPrefix, StringComparison.Ordinal) ? subject[PostPrefix.Length..] : null;

    /// <summary>The draft a <c>draft:</c> notice shows, or null for any other subject.</summary>
    public static string? NoticeOf(string subject) => subject.StartsWith(NoticePrefix, StringComparison.Ordinal) ? subject[NoticePrefix.Length..] : null;

    /// <summary>The channel key of a publisher's timeline in the outbox and the delivery ledger.</summary>
    public static string TimelineKey(string platform, string publisher) => $"{platform}:-:{publisher}";

    public static string Thread(string publisher, string incidentId) => publisher + "|" + incidentId;

    /// <summary>A draft id as typed (<c>pub-3</c>, <c>3</c>) in its canonical form, or null.</summary>
    public static string? Normalize(string typed)
    {
        var text = typed.Trim();
        if (text.StartsWith(IdPrefix, StringComparison.OrdinalIgnoreCase))
        {
            text = text[IdPrefix.Length..];
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? DraftId(n) : null;
    }
}
