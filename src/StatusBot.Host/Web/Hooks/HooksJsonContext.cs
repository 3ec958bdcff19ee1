using System.Text.Json;
using System.Text.Json.Serialization;

namespace StatusBot.Host.Web.Hooks;

/// <summary>Source-generated JSON for the webhook answers.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AlertmanagerHookResponse))]
[JsonSerializable(typeof(StatuspageHookResponse))]
internal sealed partial class HooksJsonContext : JsonSerializerContext;
