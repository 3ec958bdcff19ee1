using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.State;
using StatusBot.Host.Configuration;

namespace StatusBot.Host.Webhooks;

/// <summary>
/// Pure decisions of the webhook dispatcher, run on the board's writer so they see the latest state: which configured
/// endpoints to add, change or remove, and which changes to put in the webhook outbox (one message per change, whatever
/// the number of endpoints).
/// </summary>
internal static class WebhookPlanner
{
    /// <summary>The id of a configured endpoint: stable for its URL, so a restart finds it again.</summary>
    public static string ConfiguredId(string url) =>
        "cfg_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url.Trim())))[..12];

    /// <summary>
    /// Events that bring the board's configured endpoints in line with <c>StatusBot:Webhooks:Endpoints</c>: new ones added,
    /// a changed secret or filter replaced (which also enables a disabled one only when it changed), removed ones removed.
    /// </summary>
    public static IReadOnlyList<BoardEvent> ConfiguredEndpoints(BoardState state, IEnumerable<WebhookEndpointOptions> configured, DateTimeOffset now)
    {
        var events = new List<BoardEvent>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in configured.Where(c => c.Url.Length > 0))
        {
            var id = ConfiguredId(c.Url);
            if (!seen.Add(id))
            {
                continue;
            }

            ImmutableArray<string> services = [.. c.Services.Select(s => state.Index.Find(s)).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
            if (state.Webhooks.Endpoints.TryGetValue(id, out var known)
                && known.Url == c.Url.Trim() && known.Secret == c.Secret && known.Services.SequenceEqual(services))
            {
                continue;
            }

            events.Add(new WebhookEndpointAdded(Actor.System, now, id, c.Url.Trim(), c.Secret, services, "config"));
        }

        events.AddRange(state.Webhooks.Endpoints.Values
            .Where(e => e.Source == "config" && !seen.Contains(e.Id))
            .Select(e => new WebhookEndpointRemoved(Actor.System, now, e.Id)));
        return events;
    }

    /// <summary>
    /// A message for every incident whose timeline grew, and for every status change of a service, since they were last
    /// queued (nothing from before the first endpoint was added); nothing while no endpoint is active.
    /// </summary>
    public static IReadOnlyList<BoardEvent> Queue(BoardState state, WebOptions web, DateTimeOffset now)
    {
        var w = state.Webhooks;
        if (w.Since is not { } since || !w.ActiveEndpoints.Any())
        {
            return [];
        }

        var events = new List<BoardEvent>();
        foreach (var incident in state.Incidents.Values.OrderBy(i => i.Number))
        {
            var count = incident.Timeline.Count;
            if (count == 0 || (w.IncidentVersions.TryGetValue(incident.Id, out var queued) ? count <= queued : incident.Timeline[^1].At < since))
            {
                continue;
            }

            events.Add(new WebhookQueued(Actor.System, now, WebhookPayloads.IncidentMessage(state, web, now, incident)));
        }

        foreach (var service in state.OrderedServices)
        {
            var history = service.History;
            var queued = w.ServiceVersions.TryGetValue(service.Id, out var v) ? v : history.Count(h => h.At < since);
            for (var version = queued + 1; version <= history.Count; version++)
            {
                if (WebhookPayloads.ComponentMessage(state, web, now, service, version) is { } message)
                {
                    events.Add(new WebhookQueued(Actor.System, now, message));
                }
            }
        }

        return events;
    }
}
