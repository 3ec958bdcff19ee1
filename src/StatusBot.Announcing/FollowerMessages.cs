using StatusBot.Core.Following;
using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Announcing;

/// <summary>
/// What a follower reads: the incident's card for its first news (it was opened), else the changes since the last news,
/// each as a channel would see them, with the link to the incident's page and how to stop.
/// </summary>
public sealed class FollowerMessages(AnnouncementRenderer renderer, FollowOptions options)
{
    public Reply? Render(FanOut fanOut, BoardState state, Localizer l, DateTimeOffset now)
    {
        if (state.FindIncident(fanOut.IncidentId) is not { } incident)
        {
            return null;
        }

        var body = fanOut.From == 0
            ? renderer.Card(incident, state, l, now)
            : renderer.Changes(incident, fanOut.From, fanOut.Version, state, l, now);
        var lines = body.Lines.ToList();
        if (options.PublicUrl is { Length: > 0 } url)
        {
            lines.Add(l.Format(nameof(Strings.Follow_DmLink), $"{url.TrimEnd('/')}/incidents/{Uri.EscapeDataString(incident.Id)}"));
        }

        return body with { Visibility = Visibility.Private, Lines = [.. lines], Footer = l[nameof(Strings.Follow_DmFooter)], Actions = [] };
    }
}
