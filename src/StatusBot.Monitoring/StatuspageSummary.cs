using System.Text.Json;
using StatusBot.Core.Domain;

namespace StatusBot.Monitoring;

/// <summary>
/// The parts of a Statuspage <c>/api/v2/summary.json</c> the policy needs: the page indicator, the unresolved incidents
/// (a summary lists no other) with the components each names, and each component's status.
/// </summary>
public sealed record StatuspageSummary(string Indicator, IReadOnlyList<StatuspageIncident> Incidents, IReadOnlyList<StatuspageComponent> ComponentList)
{
    /// <summary>Each component's status by name.</summary>
    public IReadOnlyDictionary<string, string> Components { get; } =
        ComponentList.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Last().Status, StringComparer.OrdinalIgnoreCase);

    /// <summary>The first unresolved incident listed, whatever it affects.</summary>
    public string? IncidentName => Incidents.Count > 0 ? Incidents[0].Name : null;

    public string? IncidentStatus => Incidents.Count > 0 ? Incidents[0].Status : null;

    /// <summary>Reads a summary; throws <see cref="FormatException"/> when the document is not one.</summary>
    public static StatuspageSummary Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var indicator = root.GetProperty("status").GetProperty("indicator").GetString() ?? "none";
            var incidents = new List<StatuspageIncident>();
            if (root.TryGetProperty("incidents", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var i in list.EnumerateArray())
                {
                    var status = i.GetProperty("status").GetString();
                    if (status is "resolved" or "postmortem" || i.GetProperty("name").GetString() is not { } name)
                    {
                        continue;
                    }

                    incidents.Add(new StatuspageIncident(
                        i.TryGetProperty("id", out var id) ? id.GetString() ?? "" : "",
                        name,
                        status ?? "investigating",
                        ComponentsOf(i)));
                }
            }

            return new StatuspageSummary(indicator, incidents, ComponentsOf(root));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException("Not a Statuspage summary: " + ex.Message, ex);
        }
    }

    /// <summary>The indicator as seen through the components that matter (all when none are listed), by name or id.</summary>
    public string IndicatorFor(IReadOnlyCollection<string> watched)
    {
        if (watched.Count == 0)
        {
            return Indicator;
        }

        return UpstreamRecorder.IndicatorOf(ComponentList.Where(c => Watches(watched, c)).Select(c => c.Status));
    }

    /// <summary>
    /// The unresolved incidents that matter: all of them without <paramref name="watched"/> components, else those whose
    /// <c>components</c> name one of them (by name or id). An incident that names no component is not attributed then:
    /// the watched components' own statuses still count through <see cref="IndicatorFor"/>.
    /// </summary>
    public IEnumerable<StatuspageIncident> IncidentsFor(IReadOnlyCollection<string> watched) =>
        watched.Count == 0 ? Incidents : Incidents.Where(i => i.Components.Any(c => Watches(watched, c)));

    /// <summary>
    /// The reports this summary makes after <paramref name="last"/>, in order. The incident last reported stays the one
    /// reported while it is listed. A summary lists only unresolved incidents, so an incident last reported open that is no
    /// longer listed has been resolved: that resolution is reported first, under its name, so it reaches the timeline of
    /// the incidents it caused; then the next listed incident, if any, is reported.
    /// </summary>
    public IReadOnlyList<UpstreamReport> ReportsAfter(UpstreamDefinition upstream, UpstreamReport? last, DateTimeOffset at)
    {
        var watched = upstream.Components;
        var indicator = IndicatorFor(watched);
        var relevant = IncidentsFor(watched).ToList();
        var current = relevant.FirstOrDefault(i => i.Name == last?.IncidentName) ?? relevant.FirstOrDefault();
        var reports = new List<UpstreamReport>();
        var lastOpen = last is { IncidentName: not null, IncidentStatus: not ("resolved" or "postmortem") };
        if (lastOpen && current?.Name != last!.IncidentName)
        {
            reports.Add(new UpstreamReport(upstream.Id, indicator, last.IncidentName, "resolved", at));
        }

        if (current is not null)
        {
            reports.Add(new UpstreamReport(upstream.Id, indicator, current.Name, current.Status, at));
        }
        else if (reports.Count == 0)
        {
            // Nothing listed: a resolution already reported stays the last word (the same report twice records nothing).
            reports.Add(last?.IncidentName is { } resolved
                ? new UpstreamReport(upstream.Id, indicator, resolved, last.IncidentStatus, at)
                : new UpstreamReport(upstream.Id, indicator, null, null, at));
        }

        return reports;
    }

    private static bool Watches(IReadOnlyCollection<string> watched, StatuspageComponent c) =>
        watched.Any(w => string.Equals(w, c.Name, StringComparison.OrdinalIgnoreCase) || string.Equals(w, c.Id, StringComparison.Ordinal));

    private static List<StatuspageComponent> ComponentsOf(JsonElement parent)
    {
        var components = new List<StatuspageComponent>();
        if (parent.TryGetProperty("components", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var c in list.EnumerateArray())
            {
                if (c.GetProperty("name").GetString() is { } name)
                {
                    components.Add(new StatuspageComponent(
                        c.TryGetProperty("id", out var id) ? id.GetString() ?? "" : "",
                        name,
                        c.TryGetProperty("status", out var s) ? s.GetString() ?? "operational" : "operational"));
                }
            }
        }

        return components;
    }
}
