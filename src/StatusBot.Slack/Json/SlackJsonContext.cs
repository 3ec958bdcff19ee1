using System.Text.Json.Serialization;
using StatusBot.Slack.Rendering;

namespace StatusBot.Slack.Json;

/// <summary>The source-generated serializer for every Slack wire type.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SlackMessage))]
[JsonSerializable(typeof(ApiEnvelope))]
[JsonSerializable(typeof(EventDelivery))]
[JsonSerializable(typeof(InteractionPayload))]
[JsonSerializable(typeof(SocketFrame))]
[JsonSerializable(typeof(SocketAck))]
[JsonSerializable(typeof(ChallengeAnswer))]
[JsonSerializable(typeof(SlashCommandPayload))]
internal sealed partial class SlackJsonContext : JsonSerializerContext;
