using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using StatusBot.Core.Domain;
using StatusBot.Core.State;
using StatusBot.Core.Webhooks;
using StatusBot.Host.Configuration;
using StatusBot.Host.Web.Statuspage;

namespace StatusBot.Host.Webhooks;

// Atlassian Statuspage's webhook bodies, key for key, so receivers written for Statuspage read StatusBot's unchanged:
// `meta`, `page`, then `incident` (the incident object of /api/v2/incidents.json) or `component_update` and `component`.

internal sealed record WebhookMetaDto(string Unsubscribe, string Documentation);

internal sealed record WebhookPageDto(string Id, string StatusIndicator, string StatusDescription);

internal sealed record IncidentWebhookDto(WebhookMetaDto Meta, WebhookPageDto Page, IncidentDto Incident);

internal sealed record ComponentUpdateDto(DateTimeOffset CreatedAt, string NewStatus, string OldStatus, string Id, string ComponentId);

internal sealed record ComponentWebhookDto(WebhookMetaDto Meta, WebhookPageDto Page, ComponentUpdateDto ComponentUpdate, ComponentDto Component);

/// <summary>Source-generated JSON in Statuspage's snake_case, nulls included, times in Statuspage's form (as the API).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, Converters = [typeof(StatuspageTimeConverter)])]
[JsonSerializable(typeof(IncidentWebhookDto))]
[JsonSerializable(typeof(ComponentWebhookDto))]
internal sealed partial class WebhookJsonContext : JsonSerializerContext;

/// <summary>Writes the body of each webhook message from the board as it is when the change is queued.</summary>
internal static class WebhookPayloads
{
    public static string Incident(BoardState state, WebOptions web, DateTimeOffset now, Incident incident)
    {
        var map = new StatuspageMapper(state, web, now);
        return JsonSerializer.Serialize(new IncidentWebhookDto(Meta(web), Page(map), map.Incident(incident)), WebhookJsonContext.Default.IncidentWebhookDto);
    }

    /// <summary>The body of a component's status change, or null when the service left the configuration.</summary>
    public static string? Component(BoardState state, WebOptions web, DateTimeOffset now, string serviceId, int version, ServiceStatus from, StatusTransition to)
    {
        var map = new StatuspageMapper(state, web, now);
        if (map.ComponentOf(serviceId) is not { } component)
        {
            return null;
        }

        var update = new ComponentUpdateDto(to.At, WireNames.Of(to.Status), WireNames.Of(from), $"{serviceId}-{version.ToString(CultureInfo.InvariantCulture)}", serviceId);
        return JsonSerializer.Serialize(new ComponentWebhookDto(Meta(web), Page(map), update, component), WebhookJsonContext.Default.ComponentWebhookDto);
    }

    private static WebhookMetaDto Meta(WebOptions web)
    {
        var page = web.PublicUrl.TrimEnd('/');
        return new WebhookMetaDto(page, page.Length > 0 ? page + "/api/v2/summary.json" : "");
    }

    private static WebhookPageDto Page(StatuspageMapper map)
    {
        var page = map.Page();
        var status = map.Status();
        return new WebhookPageDto(page.Id, status.Indicator, status.Description);
    }

    /// <summary>The incident's message: its id (the <c>webhook-id</c>) names the incident and the timeline length.</summary>
    public static WebhookMessage IncidentMessage(BoardState state, WebOptions web, DateTimeOffset now, Incident incident) => new(
        $"msg_{incident.Id}_{incident.Timeline.Count.ToString(CultureInfo.InvariantCulture)}",
        WebhookKinds.Incident,
        incident.Id,
        incident.Timeline.Count,
        [.. incident.Services.Select(s => s.ServiceId)],
        now,
        Incident(state, web, now, incident));

    /// <summary>The message of a service's <paramref name="version"/>-th status change, or null when the service is gone.</summary>
    public static WebhookMessage? ComponentMessage(BoardState state, WebOptions web, DateTimeOffset now, ServiceState service, int version)
    {
        var to = service.History[version - 1];
        var from = version >= 2 ? service.History[version - 2].Status : ServiceStatus.Operational;
        return Component(state, web, now, service.Id, version, from, to) is { } body
            ? new WebhookMessage($"msg_{service.Id}_c{version.ToString(CultureInfo.InvariantCulture)}", WebhookKinds.Component, service.Id, version, ImmutableArray.Create(service.Id), now, body)
            : null;
    }
}
