using System.Text.Json.Serialization;

namespace StatusBot.Host.Web.Statuspage;

/// <summary>Source-generated JSON in Statuspage's snake_case, nulls included, times in Statuspage's form.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, Converters = [typeof(StatuspageTimeConverter)])]
[JsonSerializable(typeof(SummaryDto))]
[JsonSerializable(typeof(StatusResponseDto))]
[JsonSerializable(typeof(ComponentsResponseDto))]
[JsonSerializable(typeof(IncidentsResponseDto))]
[JsonSerializable(typeof(ScheduledMaintenancesResponseDto))]
internal sealed partial class StatuspageJsonContext : JsonSerializerContext;
