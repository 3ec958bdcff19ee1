using System.Text.Json;
using System.Text.Json.Serialization;

namespace StatusBot.Host.Web;

/// <summary>Source-generated JSON for the host's own wire types.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HealthBody))]
internal sealed partial class HostJsonContext : JsonSerializerContext;
