namespace StatusBot.Host.Web.Admin;

// The admin API's JSON bodies. Values are the same words the chat commands take ("major", "identified", "degraded").

/// <summary>Body of <c>POST /api/admin/incidents</c>.</summary>
public sealed record OpenIncidentRequest(string[]? Services, string? Impact, string? Title, string? Cause, string[]? Segments, long? Users);

/// <summary>Body of <c>POST /api/admin/incidents/{id}/updates</c>.</summary>
public sealed record IncidentUpdateRequest(string? Status, string? Message);

/// <summary>Body of <c>PUT /api/admin/incidents/{id}/cause</c>.</summary>
public sealed record IncidentCauseRequest(string? Confidence, string? Text, string? Upstream);

/// <summary>
/// Body of <c>POST /api/admin/maintenances</c>: start as the chat command takes it (<c>2026-12-25T02:00Z</c>, <c>in:2h</c>,
/// <c>tomorrow@02:00</c>, all UTC), duration as <c>90m</c>, <c>2h</c>, <c>1h30m</c> (at most 7 days).
/// </summary>
public sealed record ScheduleMaintenanceRequest(string[]? Services, string? Start, string? Duration, string? Title);

/// <summary>Body of <c>POST /api/admin/incidents/{id}/resolve</c>, <c>/apology</c> and <c>/api/admin/maintenances/{id}/cancel</c> (no field used).</summary>
public sealed record IncidentMessageRequest(string? Message);

/// <summary>Body of <c>PUT /api/admin/services/{id}/status</c>.</summary>
public sealed record ServiceStatusRequest(string? Status, string? Note);

/// <summary>Body of <c>PUT /api/admin/incidents/{id}/postmortem</c>: the postmortem's whole new text, in Markdown.</summary>
public sealed record PostmortemRequest(string? Body);

/// <summary>
/// Answer of <c>GET /api/admin/incidents/{id}/postmortem</c>: the text and where it stands (<c>draft</c> or
/// <c>published</c>), with who changed it last.
/// </summary>
public sealed record PostmortemResponse(
    string IncidentId,
    string State,
    string Body,
    DateTimeOffset DraftedAt,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? LastPublishedAt,
    bool ChangedSincePublished)
{
    public static PostmortemResponse Of(string incidentId, Core.Domain.Postmortem p) => new(
        incidentId,
        p.IsPublished ? "published" : "draft",
        p.Body,
        p.DraftedAt,
        p.UpdatedAt,
        (p.EditedBy ?? p.DraftedBy).DisplayName,
        p.PublishedAt,
        p.LastPublishedAt,
        p.IsPublished && p.ChangedSincePublished);
}

/// <summary>What every admin call answers: the outcome and the bot's own answer, as it would say it in chat.</summary>
public sealed record AdminResponse(string Outcome, string? IncidentId, string Title, string[] Lines, string? MaintenanceId = null);

/// <summary>
/// One service in <c>GET /api/admin/crowd</c>: the distinct people who asked about it within the window, how many usually
/// do, whether an incident is open on it, and when its askers last crossed the threshold (the admins' notice).
/// </summary>
public sealed record CrowdServiceResponse(string Id, string Name, int Askers, double Usual, string[] OpenIncidents, DateTimeOffset? LastSurgeAt, int? LastSurgeAskers);

/// <summary>Body of <c>GET /api/admin/crowd</c>: the settings in force and every configured service's crowd.</summary>
public sealed record CrowdResponse(int Threshold, double Factor, int WindowSeconds, int CooldownSeconds, CrowdServiceResponse[] Services);
