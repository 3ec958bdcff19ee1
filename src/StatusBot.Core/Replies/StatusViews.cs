using StatusBot.Core.Domain;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Core.Replies;

/// <summary>The sentences and lines shared by replies and automatic posts: a service's line, an incident's summary.</summary>
public static class StatusViews
{
    public static string Icon(ServiceStatus status) => status switch
    {
        ServiceStatus.Operational => "🟢",
        ServiceStatus.DegradedPerformance => "🟡",
        ServiceStatus.PartialOutage => "🟠",
        ServiceStatus.MajorOutage => "🔴",
        ServiceStatus.UnderMaintenance => "🔧",
        _ => "⚪",
    };

    public static Severity SeverityOf(ServiceStatus status) => status switch
    {
        ServiceStatus.Operational => Severity.Success,
        ServiceStatus.DegradedPerformance => Severity.Minor,
        ServiceStatus.PartialOutage => Severity.Major,
        ServiceStatus.MajorOutage => Severity.Critical,
        _ => Severity.Info,
    };

    public static Severity SeverityOf(Incident incident) =>
        incident.IsResolved ? Severity.Success : SeverityOf(incident.Impact.ToServiceStatus());

    /// <summary>"🔴 Streaming — Major outage · since 2 hours ago".</summary>
    public static string ServiceLine(ServiceState service, Localizer l, DateTimeOffset now)
    {
        var line = $"{Icon(service.Status)} {service.Name} — {l.Status(service.Status)}";
        if (service.Status != ServiceStatus.Operational)
        {
            return line + " · " + Since(service, l, now);
        }

        return now - service.Since < TimeSpan.FromHours(24) && service.History.Count > 0
            ? line + " · " + l.Format(nameof(Strings.BackSince), l.Relative(service.Since, now))
            : line;
    }

    /// <summary>"for 2 hours, 14 minutes", "depuis 2 heures et 14 minutes"; "just now" for a change under a second old.</summary>
    public static string Since(ServiceState service, Localizer l, DateTimeOffset now) =>
        now - service.Since < TimeSpan.FromSeconds(1)
            ? l[nameof(Strings.Since_JustNow)]
            : l.Format(nameof(Strings.Since), l.Relative(service.Since, now), l.Duration(now - service.Since));

    /// <summary>The one-sentence state of everything: "All systems operational", "Streaming: major outage", "2 services have problems".</summary>
    public static string Overall(BoardState state, Localizer l)
    {
        var troubled = state.OrderedServices.Where(s => s.Status != ServiceStatus.Operational).ToList();
        return troubled.Count switch
        {
            0 => l[nameof(Strings.Overall_AllOperational)],
            1 => l.Format(nameof(Strings.Overall_One), troubled[0].Name, l.InSentence(l.Status(troubled[0].Status))),
            _ => l.Format(nameof(Strings.Overall_Many), troubled.Count, state.Services.Count),
        };
    }

    public static Severity OverallSeverity(BoardState state)
    {
        var worst = state.Services.Values.Select(s => s.Status).DefaultIfEmpty(ServiceStatus.Operational).MaxBy(s => s.Severity());
        return SeverityOf(worst);
    }

    /// <summary>
    /// The status an open incident's services show right now, the worst of them, as the status page shows it: after
    /// <c>service set streaming major</c> an incident opened with <c>major</c> impact reads "major outage", not "partial
    /// outage". Falls back to the status the impact implies when none of the services has a problem any more.
    /// </summary>
    public static ServiceStatus AffectedStatus(Incident incident, BoardState state)
    {
        var worst = incident.Services
            .Select(s => state.Services.TryGetValue(s.ServiceId, out var service) ? service.Status : ServiceStatus.Operational)
            .Where(s => s.IsProblem())
            .DefaultIfEmpty(incident.Impact.ToServiceStatus())
            .MaxBy(s => s.Severity());
        return worst;
    }

    /// <summary>
    /// The impact an incident is shown with: while it is open, the one its services' statuses imply (Statuspage computes
    /// an incident's impact from its components the same way), so the words never disagree with the services' rows.
    /// </summary>
    public static Impact ShownImpact(Incident incident, BoardState state) =>
        incident.IsResolved ? incident.Impact : AffectedStatus(incident, state).ToImpact();

    /// <summary>"INC-1 · Streaming fails on many devices".</summary>
    public static string IncidentName(Incident incident) => $"{incident.Id} · {incident.Title}";

    /// <summary>The same for a reader: an automatic incident's title in the reader's language.</summary>
    public static string IncidentName(Incident incident, BoardState state, Localizer l) => $"{incident.Id} · {AutomaticWords.TitleOf(incident, state, l)}";

    /// <summary>The lines people need about an incident: state, who is hit, cause, latest word, and when the next one comes.</summary>
    public static IEnumerable<string> IncidentSummary(Incident incident, BoardState state, Localizer l, DateTimeOffset now, bool detailed)
    {
        var services = l.List(incident.Services.Select(s => state.ServiceName(s.ServiceId)));
        yield return l.Format(
            nameof(Strings.Incident_StateLine),
            l.Status(incident.Status),
            l.Impact(ShownImpact(incident, state)),
            services,
            l.RelativeTime(incident.Milestones.Started, now));

        if (incident.Segments.Length > 0)
        {
            yield return l.Format(nameof(Strings.Incident_Segments), string.Join(", ", incident.Segments));
        }

        if (incident.UsersAffected is { } users)
        {
            yield return l.Format(nameof(Strings.Incident_Users), l.Count(users));
        }

        yield return CauseLine(incident, state, l);

        if (incident.Milestones.Mitigated is { } mitigated && !incident.IsResolved)
        {
            yield return l.Format(nameof(Strings.Incident_Mitigated), l.Time(mitigated, now));
        }

        var latest = incident.Timeline.Count > 0 ? incident.Timeline[^1] : null;
        if (latest is not null && (incident.Timeline.Count > 1 || (detailed && latest.Message != incident.Title)))
        {
            yield return l.Format(nameof(Strings.Incident_Latest), TimelineMessage(latest, l), l.Relative(latest.At, now));
        }

        if (incident.IsResolved && incident.Milestones.Resolved is { } resolved)
        {
            yield return l.Format(nameof(Strings.Incident_ResolvedAfter), l.Time(resolved, now), l.Duration(incident.Duration(now)));
        }
        else if (incident.NextUpdateDue is { } due)
        {
            yield return due >= now
                ? l.Format(nameof(Strings.Incident_NextUpdate), l.Time(due, now), l.Relative(due, now))
                : l.Format(nameof(Strings.Incident_UpdateOverdue), l.Time(due, now));
        }
    }

    /// <summary>"Cause (suspected): AWS load balancers failing in us-east-1 — upstream: AWS ELB", or "Cause not known yet".</summary>
    public static string CauseLine(Incident incident, BoardState state, Localizer l)
    {
        if (incident.Cause is not { } cause)
        {
            return l[nameof(Strings.Cause_Unknown)];
        }

        var line = l.Format(nameof(Strings.Cause_Line), l.Confidence(cause.Confidence), cause.Text);
        if (cause.UpstreamId is { } upstreamId)
        {
            var name = state.Upstreams.TryGetValue(upstreamId, out var upstream) ? upstream.Name : upstreamId;
            line += " — " + l.Format(nameof(Strings.Cause_Upstream), name);
        }

        return line;
    }

    /// <summary>
    /// "Evidence: our checks first failed at 20:31 UTC · AWS ELB acknowledged at 20:34 UTC (3 minutes later) · AWS ELB
    /// reported it resolved at 23:10 UTC", one line per upstream the incident was blamed on or waited for.
    /// </summary>
    public static IEnumerable<string> EvidenceLines(Incident incident, BoardState state, Localizer l, DateTimeOffset now)
    {
        foreach (var e in incident.Evidence)
        {
            var name = state.Upstreams.TryGetValue(e.UpstreamId, out var upstream) ? upstream.Name : e.UpstreamId;
            var parts = new List<string>();
            if (e.AcknowledgedAt is { } ack && ack < e.ChecksFailedAt)
            {
                parts.Add(l.Format(nameof(Strings.Evidence_AcknowledgedFirst), name, l.Time(ack, now)));
                parts.Add(l.Format(nameof(Strings.Evidence_ChecksFailed), l.Time(e.ChecksFailedAt, now)));
            }
            else
            {
                parts.Add(l.Format(nameof(Strings.Evidence_ChecksFailed), l.Time(e.ChecksFailedAt, now)));
                parts.Add(e.AcknowledgedAt is { } later
                    ? l.Format(nameof(Strings.Evidence_Acknowledged), name, l.Time(later, now), l.Duration(later - e.ChecksFailedAt))
                    : l.Format(nameof(Strings.Evidence_NotYet), name));
            }

            if (e.ResolvedAt is { } resolved)
            {
                parts.Add(l.Format(nameof(Strings.Evidence_Resolved), name, l.Time(resolved, now)));
            }

            yield return l.Format(nameof(Strings.Evidence_Line), string.Join(" · ", parts));
        }
    }

    /// <summary>A timeline message; the resolution entry without words of its own reads "Resolved."</summary>
    public static string TimelineMessage(TimelineEntry entry, Localizer l) =>
        entry.Phrase is { } phrase ? AutomaticWords.Render(phrase, l)
        : entry.Message.Length > 0 ? entry.Message
        : l[nameof(Strings.Timeline_Resolved)];
}
