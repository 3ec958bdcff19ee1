using StatusBot.Core.Domain;

namespace StatusBot.Core.Following;

/// <summary>What in an incident's timeline is news to its followers: every entry but the bot's own holding updates.</summary>
public static class FollowerNews
{
    public static bool IsNews(TimelineEntry entry) => !(entry.Kind == UpdateKind.Apology && entry.Author == Actor.System);

    /// <summary>The time of the newest news among timeline entries [<paramref name="from"/>, <paramref name="to"/>), if any.</summary>
    public static DateTimeOffset? Newest(Incident incident, int from, int to) =>
        incident.Timeline.Skip(from).Take(Math.Max(0, to - from)).Where(IsNews).Select(e => (DateTimeOffset?)e.At).Max();
}
