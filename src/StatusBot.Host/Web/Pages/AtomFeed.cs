using System.Text;
using System.Xml;
using StatusBot.Announcing;
using StatusBot.Core.Domain;
using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Host.Configuration;

namespace StatusBot.Host.Web.Pages;

/// <summary>
/// <c>GET /feed.atom</c>: an Atom 1.0 entry for every update of the 50 most recent incidents and every step of the 50 most
/// recent maintenance windows (scheduled, started, ended, cancelled), newest first.
/// </summary>
internal static class AtomFeed
{
    private const string Atom = "http://www.w3.org/2005/Atom";
    private const int MaxEntries = 100;

    public static string Render(BoardState state, WebOptions web, Localizer l, DateTimeOffset now)
    {
        var baseUrl = web.PublicUrl.TrimEnd('/');

        // A feed is read later: maintenance windows are written with their dates (a clock relative to no day).
        var updates = Recent(state, 50)
            .SelectMany(i => i.Timeline.Select((t, n) => new FeedEntry(
                $"{baseUrl}/incidents/{i.Id}", $"#update-{n + 1}", $"{StatusViews.IncidentName(i)} — {l.Status(t.Status)}", t.At,
                StatusViews.TimelineMessage(t, l))))
            .Concat(Recent(state, 50).Where(i => i.Postmortem is { IsPublished: true }).Select(i => Postmortem(i, i.Postmortem!, baseUrl, l)))
            .Concat(MaintenanceTimeline.Recent(state, 50).SelectMany(m => MaintenanceTimeline.Steps(m, now).Select(step => new FeedEntry(
                $"{baseUrl}/incidents/{m.Id}", "#" + step.Stage.ToString().ToLowerInvariant(), MaintenanceTimeline.Describe(step, m, l), step.At,
                MaintenanceTimeline.Window(m, l, DateTimeOffset.MinValue) + " · " + MaintenanceTimeline.Services(m, state, l)))))
            .OrderByDescending(u => u.At)
            .Take(MaxEntries)
            .ToList();

        var sb = new StringBuilder();
        using (var xml = XmlWriter.Create(sb, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8, OmitXmlDeclaration = false }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Atom);
            xml.WriteAttributeString("xml", "lang", null, Locales.Code(l.Culture));
            xml.WriteElementString("id", Atom, baseUrl + "/feed.atom");
            xml.WriteElementString("title", Atom, l.Format(nameof(Strings.Feed_Title), web.PageName));
            xml.WriteElementString("updated", Atom, Stamp(updates.Count > 0 ? updates[0].At : state.Epoch ?? now));
            Link(xml, "self", baseUrl + "/feed.atom");
            Link(xml, "alternate", baseUrl + "/");
            xml.WriteStartElement("author", Atom);
            xml.WriteElementString("name", Atom, web.PageName);
            xml.WriteEndElement();
            foreach (var entry in updates)
            {
                xml.WriteStartElement("entry", Atom);
                xml.WriteElementString("id", Atom, entry.Url + entry.Fragment);
                xml.WriteElementString("title", Atom, entry.Title);
                xml.WriteElementString("updated", Atom, Stamp(entry.At));
                Link(xml, "alternate", entry.Url);
                xml.WriteStartElement("content", Atom);
                xml.WriteAttributeString("type", entry.Html ? "html" : "text");
                xml.WriteString(entry.Content);
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        // StringBuilder output declares UTF-16; the response is UTF-8.
        return sb.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }

    private static IEnumerable<Incident> Recent(BoardState state, int count)
    {
        for (var n = state.NextIncidentNumber - 1; n >= 1 && count > 0; n--)
        {
            if (state.Incidents.TryGetValue(IncidentIds.Format(n), out var incident))
            {
                count--;
                yield return incident;
            }
        }
    }

    /// <summary>
    /// A published postmortem: one entry, dated by its last change (or publication), its Markdown as the page's safe HTML
    /// (escaped inside the feed's XML, as Atom's <c>type="html"</c> wants).
    /// </summary>
    private static FeedEntry Postmortem(Incident incident, Postmortem postmortem, string baseUrl, Localizer l) => new(
        $"{baseUrl}/incidents/{incident.Id}",
        "#postmortem",
        l.Format(nameof(Strings.Postmortem_FeedTitle), StatusViews.IncidentName(incident)),
        postmortem.UpdatedAt > postmortem.LastPublishedAt!.Value ? postmortem.UpdatedAt : postmortem.LastPublishedAt.Value,
        PostmortemMarkdown.ToHtml(postmortem.Body))
    {
        Html = true,
    };

    /// <summary>One entry: an incident update, a published postmortem or a step of a maintenance window.</summary>
    private sealed record FeedEntry(string Url, string Fragment, string Title, DateTimeOffset At, string Content)
    {
        public bool Html { get; init; }
    }

    private static void Link(XmlWriter xml, string rel, string href)
    {
        xml.WriteStartElement("link", Atom);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static string Stamp(DateTimeOffset at) => XmlConvert.ToString(at.ToUniversalTime().UtcDateTime, XmlDateTimeSerializationMode.Utc);
}
