using System.Text.Json;

namespace StatusBot.Discord.Wire;

/// <summary><c>GET /gateway/bot</c>: where to connect.</summary>
internal sealed record GatewayBotInfo
{
    public string? Url { get; init; }

    public int? Shards { get; init; }
}

/// <summary>A gateway frame: <c>{op, d, s, t}</c>.</summary>
internal sealed record GatewayPayload
{
    public int Op { get; init; }

    public JsonElement? D { get; init; }

    public long? S { get; init; }

    public string? T { get; init; }
}
