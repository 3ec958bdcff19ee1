using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace StatusBot.Host.Web.Admin;

/// <summary>Source-generated JSON for the admin API (camelCase, as ASP.NET Core's defaults).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(OpenIncidentRequest))]
[JsonSerializable(typeof(IncidentUpdateRequest))]
[JsonSerializable(typeof(IncidentCauseRequest))]
[JsonSerializable(typeof(IncidentMessageRequest))]
[JsonSerializable(typeof(ServiceStatusRequest))]
[JsonSerializable(typeof(ScheduleMaintenanceRequest))]
[JsonSerializable(typeof(PostmortemRequest))]
[JsonSerializable(typeof(PostmortemResponse))]
[JsonSerializable(typeof(AdminResponse))]
[JsonSerializable(typeof(CrowdResponse))]
[JsonSerializable(typeof(ProblemDetails))]
internal sealed partial class AdminJsonContext : JsonSerializerContext;
