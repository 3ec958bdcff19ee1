using System.Text.Json.Serialization;

namespace StatusBot.Host.Web.Statuspage;

// The shapes of Atlassian Statuspage's public API (/api/v2/*.json), key for key, so tools that read a Statuspage page
// read StatusBot unchanged. Nulls are written, as Statuspage writes them; the postmortem's keys only once it is published.

internal sealed record PageDto(string Id, string Name, string Url, string TimeZone, DateTimeOffset UpdatedAt);

internal sealed record StatusDto(string Indicator, string Description);

internal sealed record ComponentDto(
    string Id,
    string Name,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Position,
    string? Description,
    bool Showcase,
    DateOnly? StartDate,
    string? GroupId,
    string PageId,
    bool Group,
    bool OnlyShowIfDegraded,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Components);

internal sealed record AffectedComponentDto(string Code, string Name, string OldStatus, string NewStatus);

internal sealed record IncidentUpdateDto(
    string Id,
    string Status,
    string Body,
    string IncidentId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset DisplayAt,
    IReadOnlyList<AffectedComponentDto>? AffectedComponents,
    bool DeliverNotifications,
    string? CustomTweet,
    string? TweetId);

internal sealed record IncidentDto(
    string Id,
    string Name,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? MonitoringAt,
    DateTimeOffset? ResolvedAt,
    string Impact,
    string Shortlink,
    DateTimeOffset StartedAt,
    string PageId,
    IReadOnlyList<IncidentUpdateDto> IncidentUpdates,
    IReadOnlyList<ComponentDto> Components,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PostmortemBody = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? PostmortemPublishedAt = null);

internal sealed record ScheduledMaintenanceDto(
    string Id,
    string Name,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? MonitoringAt,
    DateTimeOffset? ResolvedAt,
    string Impact,
    string Shortlink,
    DateTimeOffset StartedAt,
    string PageId,
    IReadOnlyList<IncidentUpdateDto> IncidentUpdates,
    IReadOnlyList<ComponentDto> Components,
    DateTimeOffset ScheduledFor,
    DateTimeOffset ScheduledUntil);

internal sealed record SummaryDto(
    PageDto Page,
    IReadOnlyList<ComponentDto> Components,
    IReadOnlyList<IncidentDto> Incidents,
    IReadOnlyList<ScheduledMaintenanceDto> ScheduledMaintenances,
    StatusDto Status);

internal sealed record StatusResponseDto(PageDto Page, StatusDto Status);

internal sealed record ComponentsResponseDto(PageDto Page, IReadOnlyList<ComponentDto> Components);

internal sealed record IncidentsResponseDto(PageDto Page, IReadOnlyList<IncidentDto> Incidents);

internal sealed record ScheduledMaintenancesResponseDto(PageDto Page, IReadOnlyList<ScheduledMaintenanceDto> ScheduledMaintenances);
