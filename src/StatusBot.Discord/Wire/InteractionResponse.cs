namespace StatusBot.Discord.Wire;

/// <summary>The answer to an interaction: <c>{"type":N,"data":{…}}</c>.</summary>
internal sealed record InteractionResponse(int Type, InteractionCallbackData? Data = null)
{
    public const int Pong = 1;
    public const int ChannelMessage = 4;
    public const int DeferredChannelMessage = 5;
    public const int AutocompleteResult = 8;
}

/// <summary>A message with its buttons (types 4, 5) or autocomplete choices (type 8).</summary>
internal sealed record InteractionCallbackData
{
    public const int Ephemeral = 1 << 6;

    public string? Content { get; init; }

    public List<Embed>? Embeds { get; init; }

    public List<MessageComponent>? Components { get; init; }

    public AllowedMentions? AllowedMentions { get; init; }

    public int? Flags { get; init; }

    public List<CommandChoice>? Choices { get; init; }
}
