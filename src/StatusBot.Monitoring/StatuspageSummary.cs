using System.Text.Json;

namespace StatusBot.Monitoring;

/// <summary>
/// The parts of a Statuspage <c>/api/v2/summary.json</c> the policy needs: the page indicator, the newest unresolved
/// incident (name and status), and each component's status by name.
/// </summary>
public sealed record StatuspageSummary(string Indicator, string? IncidentName, string? IncidentStatus, IReadOnlyDictionary<string, string> Components)
{
    /// <summary>Reads a summary; throws <see cref="FormatException"/> when the document is not one.</summary>
    public static StatuspageSummary Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var indicator = root.GetProperty("status").GetProperty("indicator").GetString() ?? "none";
            var components = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (root.TryGetProperty("components", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var c in list.EnumerateArray())
                {
                    if (c.GetProperty("name").GetString() is { } name)
                    {
                        components[name] = c.GetProperty("status").GetString() ?? "operational";
                    }
                }
            }

            string? incidentName = null;
            string? incidentStatus = null;
            if (root.TryGetProperty("incidents", out var incidents) && incidents.ValueKind == JsonValueKind.Array)
            {
                var first = incidents.EnumerateArray().FirstOrDefault(i => i.GetProperty("status").GetString() is not ("resolved" or "postmortem"));
                if (first.ValueKind == JsonValueKind.Object)
                {
                    incidentName = first.GetProperty("name").GetString();
                    incidentStatus = first.GetProperty("status").GetString();
                }
            }

            return new StatuspageSummary(indicator, incidentName, incidentStatus, components);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException("Not a Statuspage summary: " + ex.Message, ex);
        }
    }

    /// <summary>The indicator as seen through the components that matter (all when none are listed).</summary>
    public string IndicatorFor(IReadOnlyCollection<string> watched)
    {
        if (watched.Count == 0)
        {
            return Indicator;
        }

        return UpstreamRecorder.IndicatorOf(watched.Select(w => Components.GetValueOrDefault(w, "operational")));
    }
}
