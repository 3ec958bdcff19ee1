using System.Text.Json.Serialization;

namespace StatusBot.Host.Web.Statuspage;

/// <summary>Source-generated JSON in Statuspage's snake_case, nulls included.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(SummaryDto))]
[JsonSerializable(typeof(StatusResponseDto))]
[JsonSerializable(typeof(ComponentsResponseDto))]
[JsonSerializable(typeof(IncidentsResponseDto))]
[JsonSerializable(typeof(ScheduledMaintenancesResponseDto))]
internal sealed partial class StatuspageJsonContext : JsonSerializerContext;
