namespace StatusBot.Host.Web.Admin;

// The admin API's JSON bodies. Values are the same words the chat commands take ("major", "identified", "degraded").

/// <summary>Body of <c>POST /api/admin/incidents</c>.</summary>
public sealed record OpenIncidentRequest(string[]? Services, string? Impact, string? Title, string? Cause, string[]? Segments, long? Users);

/// <summary>Body of <c>POST /api/admin/incidents/{id}/updates</c>.</summary>
public sealed record IncidentUpdateRequest(string? Status, string? Message);

/// <summary>Body of <c>PUT /api/admin/incidents/{id}/cause</c>.</summary>
public sealed record IncidentCauseRequest(string? Confidence, string? Text, string? Upstream);

/// <summary>Body of <c>POST /api/admin/incidents/{id}/resolve</c> and <c>/apology</c>.</summary>
public sealed record IncidentMessageRequest(string? Message);

/// <summary>Body of <c>PUT /api/admin/services/{id}/status</c>.</summary>
public sealed record ServiceStatusRequest(string? Status, string? Note);

/// <summary>What every admin call answers: the outcome and the bot's own answer, as it would say it in chat.</summary>
public sealed record AdminResponse(string Outcome, string? IncidentId, string Title, string[] Lines);
