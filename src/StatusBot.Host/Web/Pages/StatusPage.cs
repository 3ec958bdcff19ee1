using System.Globalization;
using StatusBot.Core.Domain;
using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Host.Configuration;

namespace StatusBot.Host.Web.Pages;

/// <summary>
/// The server-rendered status page (<c>GET /</c>) and incident pages (<c>GET /incidents/{id}</c>): plain HTML that works
/// without JavaScript, with landmarks, text for every color and icon, and the board's own sentences in the reader's language.
/// </summary>
internal sealed partial class StatusPage(BoardState state, WebOptions web, Localizer l, DateTimeOffset now, bool autoRefresh = true)
{
    // Reloads every minute, but only while the tab is visible and the reader is not focused on a link or a control; the
    // footer's link turns it off (WCAG 2.2.1). Without JavaScript, a meta refresh inside <noscript> does the same job, and
    // the same link turns it off.
    // The script's text is allowed by its hash in the Content-Security-Policy (SecurityHeaders): any other inline script is not.
    internal const string RefreshCode =
        "setInterval(function(){var a=document.activeElement;if(document.visibilityState==='visible'&&(!a||a===document.body)){location.reload();}},60000);";

    private const string RefreshScript = "<script>" + RefreshCode + "</script>";

    // A round dot in the page's "operational" green, inline: the page still loads nothing from anywhere.
    private const string Favicon =
        "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Ccircle cx='8' cy='8' r='7' fill='%231f7a3a'/%3E%3C/svg%3E";

    private bool _refresh;

    /// <summary>Whether something watches a service; one that nothing watches shows no uptime figure (every service by default).</summary>
    public Func<string, bool> IsMonitored { get; init; } = _ => true;
    private string _path = "/";

    public string Home()
    {
        var html = new HtmlWriter();
        Open(html, web.PageName, refresh: !state.OpenIncidentIds.IsEmpty, "/");
        var severity = StatusViews.OverallSeverity(state);
        html.Raw("<section aria-labelledby=\"overall\"><p id=\"overall\" role=\"status\" class=\"overall ").Text(SeverityClass(severity)).Raw("\">")
            .Text(StatusViews.Overall(state, l)).Raw("</p></section>");

        html.Raw("<section aria-labelledby=\"open\"><h2 id=\"open\">").Text(l[nameof(Strings.Page_OpenIncidents)]).Raw("</h2>");
        if (state.OpenIncidentIds.IsEmpty)
        {
            html.Element("p", "muted", l[nameof(Strings.Page_NoOpenIncidents)]);
        }

        foreach (var incident in state.OpenIncidents.Reverse())
        {
            IncidentCard(html, incident);
        }

        html.Raw("</section><section aria-labelledby=\"services\"><h2 id=\"services\">").Text(l[nameof(Strings.Page_Services)]).Raw("</h2>");
        foreach (var service in state.OrderedServices)
        {
            ServiceCard(html, service);
        }

        html.Raw("</section>");
        Upstreams(html);
        html.Raw("<section aria-labelledby=\"maintenance\"><h2 id=\"maintenance\">").Text(l[nameof(Strings.Page_Maintenance)]).Raw("</h2>");
        var maintenances = MaintenanceTimeline.Current(state, now).ToList();
        if (maintenances.Count == 0)
        {
            html.Element("p", "muted", l[nameof(Strings.Page_NoMaintenance)]);
        }

        foreach (var maintenance in maintenances)
        {
            MaintenanceCard(html, maintenance);
        }

        html.Raw("</section>");

        html.Raw("<section aria-labelledby=\"past\"><h2 id=\"past\">").Text(l[nameof(Strings.Page_PastIncidents)]).Raw("</h2>");
        var past = state.Incidents.Values.Where(i => i.IsResolved && i.Milestones.Resolved >= now.AddDays(-14)).OrderByDescending(i => i.Number).ToList();
        if (past.Count == 0)
        {
            html.Element("p", "muted", l[nameof(Strings.Page_NoPastIncidents)]);
        }

        foreach (var incident in past)
        {
            IncidentCard(html, incident);
        }

        html.Raw("</section>");
        Close(html);
        return html.ToString();
    }

    private void ServiceCard(HtmlWriter html, ServiceState service)
    {
        var status = WireNames.Of(service.Status);
        html.Raw("<div class=\"card\"><div class=\"service\"><strong>").Text(service.Name).Raw("</strong><span class=\"status st-").Text(status).Raw("\">")
            .Raw("<span aria-hidden=\"true\">").Text(StatusViews.Icon(service.Status)).Raw("</span> ").Text(l.Status(service.Status)).Raw("</span></div>");
        if (service.Status != ServiceStatus.Operational)
        {
            html.Element("div", "muted", StatusViews.Since(service, l, now));
        }

        var (days, overall) = UptimeDay.For(service, state, now);
        var monitored = IsMonitored(service.Id);
        if (!monitored)
        {
            // Hand-set statuses are no measurement: a day without an incident is a day nobody looked at.
            days = [.. days.Select(d => d.HadIncident ? d : d with { Ratio = null })];
        }

        // A board watching for less than the 90 days gives the ratio of the time it watched: say so, or 30 minutes of
        // outage on the first day would read as "12 % uptime over the past 90 days".
        var summary = !monitored ? l[nameof(Strings.Page_NotMonitored)]
            : overall is not { } ratio ? l[nameof(Strings.Page_UptimeNoData)]
            : state.Epoch is { } epoch && now - epoch < TimeSpan.FromDays(90)
                ? l.Format(nameof(Strings.Page_UptimeSinceSummary), Percent(ratio), l.Relative(epoch, now))
                : l.Format(nameof(Strings.Page_UptimeSummary), Percent(ratio));
        html.Raw("<div class=\"bar\" role=\"img\"").Attribute("aria-label", summary).Raw(">");
        foreach (var day in days)
        {
            var date = day.Day.ToString("d MMM", l.Culture);
            var title = day.Ratio is not { } r
                ? l.Format(monitored ? nameof(Strings.Page_DayNoData) : nameof(Strings.Page_DayNotMonitored), date)
                : l.Format(day.HadIncident ? nameof(Strings.Page_DayIncident) : nameof(Strings.Page_DayUptime), date, Percent(r));
            html.Raw("<span class=\"").Text(day.CssClass + (day.HadIncident ? " incident" : "")).Raw("\"").Attribute("title", title).Raw("></span>");
        }

        html.Raw("</div><div class=\"bar-legend muted\" aria-hidden=\"true\"><span>").Text(l[nameof(Strings.Page_DaysAgo)]).Raw("</span><span>")
            .Text(summary).Raw("</span><span>").Text(l[nameof(Strings.Page_Today)]).Raw("</span></div></div>");
    }

    /// <summary>
    /// The third-party section, as Statuspage shows third-party components: each upstream by name with what it last reported
    /// (operational, an incident and since when, or unknown before its first report). Absent when no upstream is configured.
    /// </summary>
    private void Upstreams(HtmlWriter html)
    {
        if (state.Upstreams.IsEmpty)
        {
            return;
        }

        html.Raw("<section aria-labelledby=\"upstreams\"><h2 id=\"upstreams\">").Text(l[nameof(Strings.Page_Upstreams)]).Raw("</h2>")
            .Element("p", "muted", l[nameof(Strings.Page_UpstreamsIntro)]);
        foreach (var upstream in state.Upstreams.Values.OrderBy(u => u.Name, StringComparer.OrdinalIgnoreCase).ThenBy(u => u.Id, StringComparer.Ordinal))
        {
            var report = state.Announcements.Upstreams.GetValueOrDefault(upstream.Id);
            var (css, icon, text) = report switch
            {
                null => ("unknown", StatusViews.Icon(ServiceStatus.Unknown), l[nameof(Strings.Page_UpstreamUnknown)]),
                { HasTrouble: false } => ("operational", StatusViews.Icon(ServiceStatus.Operational), l[nameof(Strings.Page_UpstreamOperational)]),
                _ => (TroubleClass(report.Indicator), StatusViews.Icon(TroubleStatus(report.Indicator)), report.IncidentName is { } name && report.IncidentStatus is not ("resolved" or "postmortem")
                    ? l.Format(nameof(Strings.Page_UpstreamIncident), name)
                    : l[nameof(Strings.Page_UpstreamTrouble)]),
            };
            html.Raw("<div class=\"card upstream\"><div class=\"service\"><strong>").Text(upstream.Name).Raw("</strong><span class=\"status st-").Text(css).Raw("\">")
                .Raw("<span aria-hidden=\"true\">").Text(icon).Raw("</span> ").Text(text).Raw("</span></div>");
            if (report is { HasTrouble: true })
            {
                var since = report.TroubleSince ?? report.At;
                html.Raw("<div class=\"muted\">").Timed(l.Format(nameof(Strings.Page_UpstreamSince), l.Time(since, now), l.Relative(since, now))).Raw("</div>");
            }

            html.Raw("</div>");
        }

        html.Raw("</section>");
    }

    /// <summary>A Statuspage indicator as the status it reads like: minor is degraded, major partial, critical major.</summary>
    private static ServiceStatus TroubleStatus(string indicator) => indicator switch
    {
        "critical" => ServiceStatus.MajorOutage,
        "major" => ServiceStatus.PartialOutage,
        _ => ServiceStatus.DegradedPerformance,
    };

    private static string TroubleClass(string indicator) => WireNames.Of(TroubleStatus(indicator));

    private void IncidentCard(HtmlWriter html, Incident incident)
    {
        html.Raw("<article class=\"card\"><h3><a").Attribute("href", "/incidents/" + incident.Id + LangQuery()).Raw(">")
            .Text(StatusViews.IncidentName(incident)).Raw("</a></h3>");
        foreach (var line in StatusViews.IncidentSummary(incident, state, l, now, detailed: true))
        {
            html.Element("p", null, line);
        }

        html.Raw("</article>");
    }

    private void MaintenanceCard(HtmlWriter html, Maintenance maintenance)
    {
        html.Raw("<article class=\"card maintenance\"><h3><a").Attribute("href", "/incidents/" + maintenance.Id + LangQuery()).Raw(">")
            .Text(maintenance.Id + " · " + maintenance.Title).Raw("</a></h3>")
            .Element("p", "status st-under_maintenance", MaintenanceState(maintenance))
            .Element("p", null, MaintenanceTimeline.Services(maintenance, state, l))
            .Raw("</article>");
    }

    /// <summary>"In progress, ends 04:00 UTC (in 2 hours)", "Starts Dec 25, 02:00 UTC (in 5 hours), ends …", "Completed …".</summary>
    private string MaintenanceState(Maintenance m) => MaintenanceTimeline.StageAt(m, now) switch
    {
        MaintenanceStage.Scheduled => l.Format(nameof(Strings.Page_MaintenanceUpcoming), l.Time(m.Start, now), l.Relative(m.Start, now), l.Time(m.End, m.Start)),
        MaintenanceStage.InProgress => l.Format(nameof(Strings.Page_MaintenanceRunning), l.Time(m.End, now), l.Relative(m.End, now)),
        MaintenanceStage.Completed => l.Format(nameof(Strings.Page_MaintenanceCompleted), l.Time(m.End, now)),
        _ => l.Format(nameof(Strings.Page_MaintenanceCancelled), l.Time(m.CancelledAt ?? m.Start, now)),
    };

    private string Percent(double ratio) =>
        l.PercentSign((Math.Floor(ratio * 10_000) / 100).ToString("0.00", l.Culture));

    private string LangQuery() => "?lang=" + Locales.Code(l.Culture);

    private static string SeverityClass(Severity severity) => severity switch
    {
        Severity.Minor => "sev-minor",
        Severity.Major => "sev-major",
        Severity.Critical or Severity.Error => "sev-critical",
        _ => "sev-ok",
    };

    private void Open(HtmlWriter html, string title, bool refresh, string path)
    {
        html.Raw("<!DOCTYPE html><html").Attribute("lang", Locales.Code(l.Culture)).Raw("><head><meta charset=\"utf-8\">")
            .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        _refresh = refresh && autoRefresh;
        _path = path;
        if (_refresh)
        {
            // Readers without JavaScript still get a page that follows the outage; the footer's link stops it for them too.
            html.Raw("<noscript><meta http-equiv=\"refresh\" content=\"60\"></noscript>");
        }

        html.Raw("<meta name=\"description\"").Attribute("content", l.Format(nameof(Strings.Page_Description), web.PageName)).Raw(">")
            .Raw("<link rel=\"icon\" type=\"image/svg+xml\" href=\"" + Favicon + "\">");
        html.Raw("<title>").Text(title).Raw("</title><link rel=\"alternate\" type=\"application/atom+xml\" href=\"/feed.atom\"")
            .Attribute("title", l[nameof(Strings.Page_Feed)]).Raw("><style>").Raw(PageStyles.Css).Raw("</style>").Raw(LocalTimeScript.Tag)
            .Raw("</head><body><header><h1>")
            .Text(web.PageName).Raw("</h1><nav").Attribute("aria-label", l[nameof(Strings.Page_Language)]).Raw("><ul>");
        foreach (var culture in Locales.All)
        {
            var code = Locales.Code(culture);
            html.Raw("<li><a").Attribute("lang", code).Attribute("href", path + "?lang=" + code).Raw(">").Text(LanguageName(culture)).Raw("</a></li>");
        }

        html.Raw("</ul></nav></header><main>");
    }

    /// <summary>Each language in its own words, as a visitor looking for theirs would read it.</summary>
    private static string LanguageName(CultureInfo culture) => Locales.Code(culture) switch
    {
        "en" => "English",
        "fr" => "Français",
        "de" => "Deutsch",
        "es" => "Español",
        "pt-BR" => "Português (Brasil)",
        _ => "日本語",
    };

    private void Close(HtmlWriter html)
    {
        html.Raw("</main><footer class=\"muted\"><p>").Timed(l.Format(nameof(Strings.Page_Updated), l.Time(now, now))).Raw("</p>");
        if (_refresh)
        {
            html.Raw("<p id=\"auto-refresh\">").Text(l[nameof(Strings.Page_AutoRefresh)]).Raw(" <a")
                .Attribute("href", _path + LangQuery() + "&refresh=off").Raw(">").Text(l[nameof(Strings.Page_StopRefresh)]).Raw("</a></p>")
                .Raw(RefreshScript);
        }

        html.Raw("<p><a href=\"/feed.atom\">").Text(l[nameof(Strings.Page_Feed)]).Raw("</a> · <a href=\"/api/v2/summary.json\">")
            .Text(l[nameof(Strings.Page_Api)]).Raw("</a></p></footer></body></html>");
    }
}
