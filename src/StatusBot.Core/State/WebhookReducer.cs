using StatusBot.Core.Events;
using StatusBot.Core.Webhooks;

namespace StatusBot.Core.State;

/// <summary>The reducer cases of webhook endpoint and outbox events; null for any other event.</summary>
public static class WebhookReducer
{
    public static BoardState? TryApply(BoardState state, BoardEvent e)
    {
        var w = state.Webhooks;
        WebhookState? next = e switch
        {
            WebhookEndpointAdded a => w with
            {
                Endpoints = w.Endpoints.SetItem(a.EndpointId, new WebhookEndpoint(
                    a.EndpointId,
                    a.Url,
                    a.Secret,
                    a.Services,
                    a.Source,
                    w.Endpoints.TryGetValue(a.EndpointId, out var before) && before.IsActive ? before.AddedAt : a.At)),
                Since = w.Since ?? a.At,
            },
            WebhookEndpointRemoved r => w with { Endpoints = w.Endpoints.Remove(r.EndpointId) },
            WebhookEndpointDisabled d => w.Endpoints.TryGetValue(d.EndpointId, out var endpoint) && endpoint.IsActive
                ? w with { Endpoints = w.Endpoints.SetItem(d.EndpointId, endpoint with { DisabledReason = d.Reason, DisabledAt = d.At }) }
                : w,
            WebhookQueued q => Queue(w, q),
            _ => null,
        };
        return next is null ? null : state with { Webhooks = next };
    }

    /// <summary>The message joins the outbox; messages older than <see cref="WebhookState.Retention"/> leave it.</summary>
    private static WebhookState Queue(WebhookState w, WebhookQueued q)
    {
        var m = q.Message;
        var horizon = q.At - WebhookState.Retention;
        var outbox = w.Outbox.RemoveRange(w.Outbox.Values.Where(o => o.At < horizon).Select(o => o.Id)).SetItem(m.Id, m);
        return m.Kind == WebhookKinds.Component
            ? w with { Outbox = outbox, ServiceVersions = w.ServiceVersions.SetItem(m.Subject, Math.Max(m.Version, w.ServiceVersions.GetValueOrDefault(m.Subject))) }
            : w with { Outbox = outbox, IncidentVersions = w.IncidentVersions.SetItem(m.Subject, Math.Max(m.Version, w.IncidentVersions.GetValueOrDefault(m.Subject))) };
    }
}
