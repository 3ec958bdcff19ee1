using StatusBot.Announcing;
using StatusBot.Core.Domain;
using StatusBot.Core.Replies;

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

        if (incident.Postmortem is { IsPublished: true } postmortem)
        {
            Postmortem(html, postmortem);
        }

        html.Raw("<h3>").Text(l[nameof(Strings.Page_Timeline)]).Raw("</h3><ol class=\"timeline\" reversed>");
        foreach (var entry in incident.Timeline.Reverse())
        {
            html.Raw("<li><p><strong>").Text(l.Status(entry.Status)).Raw("</strong> <span class=\"muted\">(").Text(l.Kind(entry.Kind)).Raw(") · ")
                .Time(entry.At, l.Clock(entry.At, now)).Raw(" · ").Text(l.Relative(entry.At, now))
                .Raw("</span></p>").Element("p", null, StatusViews.TimelineMessage(entry, l)).Raw("</li>");
        }

        html.Raw("</ol></article>");
        Close(html);
        return html.ToString();
    }

    /// <summary>The published postmortem: when it was published (and last changed), then its Markdown as safe HTML.</summary>
    private void Postmortem(HtmlWriter html, Postmortem postmortem)
    {
        html.Raw("<section class=\"postmortem\" id=\"postmortem\" aria-labelledby=\"postmortem-title\"><h3 id=\"postmortem-title\">")
            .Text(l[nameof(Strings.Postmortem_PageHeading)]).Raw("</h3><p class=\"muted\">")
            .Timed(l.Format(nameof(Strings.Postmortem_PagePublished), l.Time(postmortem.PublishedAt!.Value, now)));
        if (postmortem.UpdatedAt > postmortem.PublishedAt)
        {
            html.Raw(" · ").Timed(l.Format(nameof(Strings.Postmortem_PageUpdated), l.Time(postmortem.UpdatedAt, now)));
        }

        html.Raw("</p>").Raw(PostmortemMarkdown.ToHtml(postmortem.Body)).Raw("</section>");
    }

    /// <summary>A maintenance window's page (<c>/incidents/MNT-1</c>, where Statuspage keeps maintenances too): its state, window and steps.</summary>
    public string Maintenance(Maintenance maintenance)
    {
        var html = new HtmlWriter();
        var name = maintenance.Id + " · " + maintenance.Title;
        var stage = MaintenanceTimeline.StageAt(maintenance, now);
        Open(html, name + " · " + web.PageName, refresh: stage is MaintenanceStage.InProgress, "/incidents/" + maintenance.Id);
        html.Raw("<p><a").Attribute("href", "/" + LangQuery()).Raw(">").Text(l[nameof(Strings.Page_AllServices)]).Raw("</a></p>");
        html.Raw("<article aria-labelledby=\"incident\"><h2 id=\"incident\">").Text(name).Raw("</h2>")
            .Element("p", "status st-under_maintenance", MaintenanceState(maintenance))
            .Element("p", null, l.Time(maintenance.Start, now) + " → " + l.Time(maintenance.End, maintenance.Start))
            .Element("p", null, MaintenanceTimeline.Services(maintenance, state, l));
        html.Raw("<h3>").Text(l[nameof(Strings.Page_Timeline)]).Raw("</h3><ol class=\"timeline\" reversed>");
        foreach (var step in Enumerable.Reverse(MaintenanceTimeline.Steps(maintenance, now)))
        {
            html.Raw("<li><p><strong>").Text(MaintenanceTimeline.Describe(step, maintenance, l)).Raw("</strong> <span class=\"muted\">")
                .Time(step.At, l.Clock(step.At, now)).Raw(" · ").Text(l.Relative(step.At, now))
                .Raw("</span></p></li>");
        }

        html.Raw("</ol></article>");
        Close(html);
        return html.ToString();
    }

    /// <summary>
    /// The answer to an unknown id: a fixed sentence that echoes no part of the address, so a crafted link cannot make the
    /// page say something ("There is no incident ALL SYSTEMS HACKED…") in a box styled as an outage.
    /// </summary>
    public string NotFound()
    {
        var html = new HtmlWriter();
        Open(html, web.PageName, refresh: false, "/");
        html.Element("h2", null, l[nameof(Strings.Page_NotFound)])
            .Raw("<p><a").Attribute("href", "/" + LangQuery()).Raw(">").Text(l[nameof(Strings.Page_AllServices)]).Raw("</a></p>");
        Close(html);
        return html.ToString();
    }
}
