using System.Text.Json;
using System.Text.Json.Serialization;

namespace StatusBot.Discord.Wire;

/// <summary>An interaction as Discord sends it (the fields StatusBot reads).</summary>
internal sealed record Interaction
{
    public string? Id { get; init; }

    public string? ApplicationId { get; init; }

    [JsonConverter(typeof(LenientIntConverter))]
    public int Type { get; init; }

    public InteractionData? Data { get; init; }

    public string? GuildId { get; init; }

    public string? ChannelId { get; init; }

    public GuildMember? Member { get; init; }

    public DiscordUser? User { get; init; }

    public string? Token { get; init; }

    public string? Locale { get; init; }

    public string? GuildLocale { get; init; }
}

internal sealed record InteractionData
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    [JsonConverter(typeof(LenientIntConverter))]
    public int Type { get; init; }

    public List<InteractionOption>? Options { get; init; }

    /// <summary>The pressed button's <c>custom_id</c> (message component interactions).</summary>
    public string? CustomId { get; init; }

    [JsonConverter(typeof(LenientIntConverter))]
    public int ComponentType { get; init; }
}

/// <summary>One option; <see cref="Value"/> and <see cref="Options"/> are exclusive. Some libraries write the type as a string.</summary>
internal sealed record InteractionOption
{
    public string? Name { get; init; }

    [JsonConverter(typeof(LenientIntConverter))]
    public int Type { get; init; }

    public JsonElement? Value { get; init; }

    public List<InteractionOption>? Options { get; init; }

    public bool? Focused { get; init; }
}

internal sealed record GuildMember
{
    public DiscordUser? User { get; init; }

    public string? Nick { get; init; }

    public List<string>? Roles { get; init; }

    public string? Permissions { get; init; }
}

internal sealed record DiscordUser
{
    public string? Id { get; init; }

    public string? Username { get; init; }

    public string? GlobalName { get; init; }

    public bool? Bot { get; init; }
}
