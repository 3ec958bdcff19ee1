using StatusBot.Core.Domain;
using StatusBot.Core.Publishing;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Announcing;

/// <summary>The short text of public posts, from the <c>Public…</c> templates.</summary>
public sealed partial class AnnouncementRenderer
{
    /// <summary>A public post's body (without the link): the opening, one timeline entry, a holding update or the resolution.</summary>
    public string PublicBody(PublicPostKind kind, Incident incident, TimelineEntry? entry, BoardState state, Localizer l, DateTimeOffset now)
    {
        var values = Values(incident, state, l, now);
        if (entry is not null)
        {
            values["status"] = l.Status(entry.Status);
            values["message"] = Message(entry, incident, state, l);
        }

        var template = kind switch
        {
            PublicPostKind.Opened => PostKind.PublicOpened,
            PublicPostKind.Holding => PostKind.PublicHolding,
            PublicPostKind.Resolved => PostKind.PublicResolved,
            _ => PostKind.PublicUpdated,
        };
        return string.Join(" ", Templates.Lines(template, l, now, values).Select(line => line.Trim()).Where(line => line.Length > 0));
    }
}
