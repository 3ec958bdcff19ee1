using System.Text.Json;
using StatusBot.Core.Domain;

namespace StatusBot.Monitoring;

/// <summary>
/// A Statuspage webhook notification: the page's indicator, and either a component update (the component's name and new
/// status) or an incident (name, status, and the components it lists).
/// </summary>
public sealed record StatuspageWebhook(string? PageIndicator, (string Name, string Status)? Component, StatuspageWebhookIncident? Incident)
{
    /// <summary>Reads a notification; throws <see cref="FormatException"/> naming the field at fault when it is not one.</summary>
    public static StatuspageWebhook Parse(string json)
    {
        using var doc = JsonRead.Object(json, "a Statuspage webhook notification");
        var root = doc.RootElement;
        var indicator = JsonRead.OptionalObject(root, "page", "notification") is { } page ? JsonRead.OptionalString(page, "status_indicator", "page") : null;
        (string, string)? component = null;
        if (JsonRead.OptionalObject(root, "component", "notification") is { } c)
        {
            var update = JsonRead.OptionalObject(root, "component_update", "notification");
            var status = (update is { } u ? JsonRead.OptionalString(u, "new_status", "component_update") : null) ?? JsonRead.RequiredString(c, "status", "component");
            component = (JsonRead.RequiredString(c, "name", "component"), status);
        }

        StatuspageWebhookIncident? incident = null;
        if (JsonRead.OptionalObject(root, "incident", "notification") is { } i)
        {
            var components = new List<(string, string)>();
            if (i.TryGetProperty("components", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var ic in list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object))
                {
                    components.Add((JsonRead.RequiredString(ic, "name", "incident.components[]"), JsonRead.RequiredString(ic, "status", "incident.components[]")));
                }
            }

            incident = new StatuspageWebhookIncident(JsonRead.RequiredString(i, "name", "incident"), JsonRead.RequiredString(i, "status", "incident"), components);
        }

        if (component is null && incident is null)
        {
            throw new FormatException("The notification has neither a component nor an incident.");
        }

        return new StatuspageWebhook(indicator, component, incident);
    }

    /// <summary>
    /// The upstream's report after this notification, from its last one. With components listed in the configuration, only
    /// those count: a component update about another component changes nothing (null), and the indicator comes from the
    /// watched components the notification names. Without, the page's indicator is taken as is.
    /// </summary>
    public UpstreamReport? ToReport(UpstreamDefinition upstream, UpstreamReport? last, DateTimeOffset at)
    {
        var watched = upstream.Components;
        string? indicator;
        if (watched.Count == 0)
        {
            indicator = PageIndicator is "maintenance" ? "minor" : PageIndicator;
        }
        else
        {
            var named = (Component is { } c ? [c] : Incident?.Components ?? [])
                .Where(n => watched.Contains(n.Name, StringComparer.OrdinalIgnoreCase))
                .Select(n => n.Status)
                .ToList();
            if (named.Count == 0 && Incident is null)
            {
                return null;
            }

            indicator = named.Count > 0 ? UpstreamRecorder.IndicatorOf(named) : null;
        }

        var (name, status) = Incident is { } i ? (i.Name, i.Status) : (last?.IncidentName, last?.IncidentStatus);
        return new UpstreamReport(upstream.Id, indicator ?? last?.Indicator ?? "none", name, status, at);
    }
}
