using StatusBot.Core.Domain;
using StatusBot.Core.Replies;
using StatusBot.Core.Text;

namespace StatusBot.Host.Web.Pages;

/// <summary>The incident page: the summary and the whole timeline, newest first.</summary>
internal sealed partial class StatusPage
{
    public string Incident(Incident incident)
    {
        var html = new HtmlWriter();
        Open(html, StatusViews.IncidentName(incident) + " · " + web.PageName, refresh: !incident.IsResolved, "/incidents/" + incident.Id);
        html.Raw("<p><a").Attribute("href", "/" + LangQuery()).Raw(">").Text(l[nameof(Strings.Page_AllServices)]).Raw("</a></p>");
        html.Raw("<article aria-labelledby=\"incident\"><h2 id=\"incident\">").Text(StatusViews.IncidentName(incident)).Raw("</h2>");
        foreach (var line in StatusViews.IncidentSummary(incident, state, l, now, detailed: true))
        {
            html.Element("p", null, line);
        }

        html.Raw("<h3>").Text(l[nameof(Strings.Page_Timeline)]).Raw("</h3><ol class=\"timeline\" reversed>");
        foreach (var entry in incident.Timeline.Reverse())
        {
            html.Raw("<li><p><strong>").Text(l.Status(entry.Status)).Raw("</strong> <span class=\"muted\">(").Text(l.Kind(entry.Kind)).Raw(") · <time")
                .Attribute("datetime", Iso(entry.At)).Raw(">").Text(l.Clock(entry.At, now)).Raw("</time> · ").Text(l.Relative(entry.At, now))
                .Raw("</span></p>").Element("p", null, StatusViews.TimelineMessage(entry, l)).Raw("</li>");
        }

        html.Raw("</ol></article>");
        Close(html);
        return html.ToString();
    }

    public string NotFound(string id)
    {
        var html = new HtmlWriter();
        Open(html, web.PageName, refresh: false, "/");
        html.Element("p", "overall sev-critical", l.Format(nameof(Strings.Page_NotFound), id))
            .Raw("<p><a").Attribute("href", "/" + LangQuery()).Raw(">").Text(l[nameof(Strings.Page_AllServices)]).Raw("</a></p>");
        Close(html);
        return html.ToString();
    }
}
