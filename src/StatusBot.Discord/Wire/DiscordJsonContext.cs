using System.Text.Json.Serialization;

namespace StatusBot.Discord.Wire;

/// <summary>The source-generated JSON of every Discord wire type (snake_case, nulls omitted).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(Interaction))]
[JsonSerializable(typeof(InteractionResponse))]
[JsonSerializable(typeof(MessagePayload))]
[JsonSerializable(typeof(DiscordMessage))]
[JsonSerializable(typeof(DiscordChannel))]
[JsonSerializable(typeof(StartThreadRequest))]
[JsonSerializable(typeof(OpenDirectChannelRequest))]
[JsonSerializable(typeof(DiscordError))]
[JsonSerializable(typeof(List<ApplicationCommand>))]
[JsonSerializable(typeof(GatewayBotInfo))]
[JsonSerializable(typeof(GatewayPayload))]
internal sealed partial class DiscordJsonContext : JsonSerializerContext;
