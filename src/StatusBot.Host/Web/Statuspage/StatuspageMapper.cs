using System.Globalization;
using StatusBot.Core.Domain;
using StatusBot.Core.State;
using StatusBot.Host.Configuration;

namespace StatusBot.Host.Web.Statuspage;

/// <summary>
/// Maps the board to Statuspage's API shapes: services are components (groups become group components), incidents keep
/// their ids and timelines (newest update first), and the overall indicator follows Statuspage's rules.
/// </summary>
internal sealed class StatuspageMapper(BoardState state, WebOptions web, DateTimeOffset now)
{
    private const string PageId = "statusbot";

    public PageDto Page() => new(PageId, web.PageName, web.PublicUrl.TrimEnd('/'), "Etc/UTC", LastChange());

    public StatusDto Status()
    {
        var worst = state.Services.Values.Select(s => s.Status).DefaultIfEmpty(ServiceStatus.Operational).MaxBy(s => s.Severity());
        var impact = state.OpenIncidents.Select(i => i.Impact).Append(worst.ToImpact()).Max();
        if (impact == Impact.None && (worst == ServiceStatus.UnderMaintenance || state.Announcements.Scheduled.Any(m => m.IsRunning(now))))
        {
            return new StatusDto("maintenance", "Service Under Maintenance");
        }

        return impact switch
        {
            Impact.Critical => new StatusDto("critical", "Major System Outage"),
            Impact.Major => new StatusDto("major", "Partial System Outage"),
            Impact.Minor => new StatusDto("minor", "Minor Service Outage"),
            _ => new StatusDto("none", "All Systems Operational"),
        };
    }

    public List<ComponentDto> Components()
    {
        var created = state.Epoch ?? now;
        var groups = state.OrderedServices.Select(s => s.Definition.Group).OfType<string>().Distinct().ToList();
        var components = new List<ComponentDto>();
        var position = 1;
        foreach (var service in state.OrderedServices)
        {
            components.Add(Component(service, position++, created));
        }

        foreach (var group in groups)
        {
            var members = state.OrderedServices.Where(s => s.Definition.Group == group).ToList();
            var worst = members.Select(m => m.Status).MaxBy(s => s.Severity());
            components.Add(new ComponentDto(
                GroupId(group), group, WireNames.Of(worst), created, members.Max(m => m.Since), position++, null, false, StartDate(created), null,
                PageId, true, false, [.. members.Select(m => m.Id)]));
        }

        return components;
    }

    /// <summary>One service as a component, or null when the configuration no longer has it.</summary>
    public ComponentDto? ComponentOf(string serviceId) =>
        state.Services.TryGetValue(serviceId, out var service) ? Component(service, state.ServiceOrder.IndexOf(serviceId) + 1, state.Epoch ?? now) : null;

    public IncidentDto Incident(Incident incident)
    {
        var updates = incident.Timeline
            .Select((t, n) => new IncidentUpdateDto(
                $"{incident.Id}-{n + 1}", WireNames.Of(t.Status), Body(t), incident.Id, t.At, t.At, t.At, null, true, null, null))
            .Reverse()
            .ToList();
        var created = state.Epoch ?? now;
        var components = incident.Services
            .Where(s => state.Services.ContainsKey(s.ServiceId))
            .Select(s => Component(state.Services[s.ServiceId], state.ServiceOrder.IndexOf(s.ServiceId) + 1, created))
            .ToList();
        return new IncidentDto(
            incident.Id,
            incident.Title,
            WireNames.Of(incident.Status),
            incident.Milestones.Detected,
            incident.Timeline.Count > 0 ? incident.Timeline[^1].At : incident.Milestones.Detected,
            incident.Milestones.Mitigated,
            incident.Milestones.Resolved,
            WireNames.Of(incident.Impact),
            $"{web.PublicUrl.TrimEnd('/')}/incidents/{incident.Id}",
            incident.Milestones.Started,
            PageId,
            updates,
            components,
            // Statuspage's names: the Markdown source once published, null before (a draft is never public).
            incident.Postmortem is { IsPublished: true } postmortem ? postmortem.Body : null,
            incident.Postmortem is { IsPublished: true } published ? published.PublishedAt : null);
    }

    /// <summary>The 50 most recent incidents, newest first (as Statuspage's incidents.json).</summary>
    public List<IncidentDto> RecentIncidents() => [.. Recent(50).Select(Incident)];

    /// <summary>The newest incidents by number, without sorting the whole history.</summary>
    private IEnumerable<Incident> Recent(int count)
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

    /// <summary>A maintenance window as Statuspage shows one: an incident with impact "maintenance" and its schedule.</summary>
    public ScheduledMaintenanceDto ScheduledMaintenance(Maintenance m)
    {
        var steps = MaintenanceTimeline.Steps(m, now);
        var updates = steps
            .Select((step, n) => new IncidentUpdateDto(
                $"{m.Id}-{n + 1}", MaintenanceStatus(step.Stage), MaintenanceBody(step.Stage, m), m.Id, step.At, step.At, step.At, null, true, null, null))
            .Reverse()
            .ToList();
        var created = state.Epoch ?? now;
        var components = m.Services
            .Where(state.Services.ContainsKey)
            .Select(id => Component(state.Services[id], state.ServiceOrder.IndexOf(id) + 1, created))
            .ToList();
        var stage = MaintenanceTimeline.StageAt(m, now);
        return new ScheduledMaintenanceDto(
            m.Id,
            m.Title,
            MaintenanceStatus(stage),
            steps[0].At,
            steps[^1].At,
            null,
            stage is MaintenanceStage.Completed or MaintenanceStage.Cancelled ? steps[^1].At : null,
            "maintenance",
            $"{web.PublicUrl.TrimEnd('/')}/incidents/{m.Id}",
            steps[0].At,
            PageId,
            updates,
            components,
            m.Start,
            m.End);
    }

    /// <summary>Upcoming and in-progress windows (what summary.json lists), soonest first.</summary>
    public List<ScheduledMaintenanceDto> CurrentMaintenances() => [.. MaintenanceTimeline.Current(state, now).Select(ScheduledMaintenance)];

    /// <summary>Windows still in the "scheduled" state (upcoming.json).</summary>
    public List<ScheduledMaintenanceDto> UpcomingMaintenances() =>
        [.. MaintenanceTimeline.Current(state, now).Where(m => m.Start > now).Select(ScheduledMaintenance)];

    /// <summary>Windows in progress (active.json).</summary>
    public List<ScheduledMaintenanceDto> ActiveMaintenances() =>
        [.. MaintenanceTimeline.Current(state, now).Where(m => m.IsRunning(now)).Select(ScheduledMaintenance)];

    /// <summary>The 50 most recent windows of every stage, latest start first (scheduled-maintenances.json).</summary>
    public List<ScheduledMaintenanceDto> RecentMaintenances() => [.. MaintenanceTimeline.Recent(state, 50).Select(ScheduledMaintenance)];

    // Statuspage has no "cancelled" word for a maintenance: a cancelled window is closed as completed, its last update saying why.
    private static string MaintenanceStatus(MaintenanceStage stage) => stage switch
    {
        MaintenanceStage.Scheduled => "scheduled",
        MaintenanceStage.InProgress => "in_progress",
        _ => "completed",
    };

    private static string MaintenanceBody(MaintenanceStage stage, Maintenance m) => stage switch
    {
        MaintenanceStage.Scheduled => string.Create(
            CultureInfo.InvariantCulture, $"Maintenance planned from {m.Start.UtcDateTime:yyyy-MM-dd HH:mm} to {m.End.UtcDateTime:yyyy-MM-dd HH:mm} UTC."),
        MaintenanceStage.InProgress => "The scheduled maintenance is in progress.",
        MaintenanceStage.Completed => "The scheduled maintenance has been completed.",
        _ => "The scheduled maintenance has been cancelled.",
    };

    public List<IncidentDto> UnresolvedIncidents() => [.. state.OpenIncidents.Reverse().Select(Incident)];

    private static ComponentDto Component(ServiceState service, int position, DateTimeOffset created) => new(
        service.Id, service.Name, WireNames.Of(service.Status), created, service.Since, position, service.Note, true, StartDate(created),
        service.Definition.Group is { } g ? GroupId(g) : null, PageId, false, false, null);

    /// <summary>A component's <c>start_date</c>: the day the board began watching it (a date, as Statuspage sends it).</summary>
    private static DateOnly StartDate(DateTimeOffset created) => DateOnly.FromDateTime(created.UtcDateTime);

    private static string Body(TimelineEntry t) => t.Message.Length > 0 ? t.Message : "This incident has been resolved.";

    private DateTimeOffset LastChange()
    {
        var times = state.Services.Values.Select(s => s.Since)
            .Concat(state.OpenIncidents.Concat(Recent(50)).Select(i => i.Timeline.Count > 0 ? i.Timeline[^1].At : i.Milestones.Detected))
            .Concat(MaintenanceTimeline.Recent(state, 50).Select(m => MaintenanceTimeline.Steps(m, now)[^1].At));
        return times.DefaultIfEmpty(state.Epoch ?? now).Max();
    }

    private static string GroupId(string group) => "group-" + ServiceIndex.Normalize(group).Replace(' ', '-');
}
